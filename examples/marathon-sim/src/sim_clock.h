// Time and identifiers of the simulator: Marathon-style ISO-8601 timestamps, UUID v4 strings
// and the ids Marathon derives from app ids. All functions are thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace skylr::sim {

// `time` as Marathon prints it: "2017-07-19T17:34:41.967Z" (UTC, milliseconds).
std::string iso_timestamp(std::chrono::system_clock::time_point time);

// The current wall-clock time as iso_timestamp().
std::string now_timestamp();

// A random UUID version 4 in its 8-4-4-4-12 lower-case hex form.
std::string uuid_v4();

// A new task id for `app_id`: "/grp/web" gives "grp_web.<uuid v4>".
std::string new_task_id(std::string_view app_id);

}  // namespace skylr::sim
