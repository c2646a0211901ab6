// The version of skylrd: the project's version, as --version, /status and /metrics
// (skylr_build_info) report it. Thread-safe.
#pragma once

#include <string_view>

namespace skylr {

// The version skylrd was built as, e.g. "0.9.0".
std::string_view skylrd_version();

}  // namespace skylr
