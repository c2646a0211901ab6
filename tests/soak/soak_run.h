// run_soak: one soak — the cluster started, steady traffic through HAProxy to every
// service, faults injected from the seeded schedule for the requested minutes (each
// followed by a measured recovery), then the report. Everything it starts is stopped
// before it returns or throws, HAProxy included.
#pragma once

#include <atomic>

#include "soak_options.h"

namespace skylr::soak {

// Runs the soak of `options` until its time is up or `interrupted`; prints progress on
// stderr and the report on stdout. Returns 0 when every verdict passed, 1 otherwise;
// throws std::runtime_error when the harness itself fails (a program that does not start,
// a simulator that refuses a change).
int run_soak(const SoakOptions& options, const std::atomic<bool>& interrupted);

}  // namespace skylr::soak
