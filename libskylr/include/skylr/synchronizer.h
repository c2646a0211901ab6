// Synchronizer: one full sync, the unit of work of skylrd's loop and of
// `skylrctl regenerate`: fetch Marathon's apps, build the model, render, apply. When
// Marathon cannot be read or answers garbage, nothing is applied and the last good
// configuration keeps serving. Thread-compatible: the caller serialises runs.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "skylr/clock.h"
#include "skylr/config.h"
#include "skylr/config_applier.h"
#include "skylr/marathon_client.h"
#include "skylr/model.h"

namespace skylr {

// What one sync did.
struct SyncReport {
  std::optional<std::string> fetch_error;  // set when Marathon could not be read
  Model model;                              // the new model; empty when the fetch failed
  ApplyOutcome apply;                       // meaningful only when the fetch succeeded
  std::chrono::milliseconds fetch_duration{0};
  std::chrono::milliseconds total_duration{0};
};

// Fetches, models, renders and applies, once.
SyncReport synchronize(const Config& config, MarathonClient& marathon, ConfigApplier& applier,
                       const Clock& clock);

}  // namespace skylr
