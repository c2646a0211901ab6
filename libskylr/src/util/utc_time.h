// A time as ISO 8601 UTC text, whatever the host's time zone. Pure.
#pragma once

#include <chrono>
#include <string>

namespace skylr::util {

// "2026-12-02T05:19:52Z": `when` to the second, in UTC.
std::string iso_utc(std::chrono::system_clock::time_point when);

}  // namespace skylr::util
