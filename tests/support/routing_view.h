// What should carry traffic, as the two sides tell it: the tasks skylrd routes to (its
// GET /status) and the tasks Marathon reports routable (GET /v2/tasks: running, and not
// reported dead by a health check), by app id. For the benchmarks and the soak, which
// compare the two. Pure functions; malformed input throws std::runtime_error.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "skylr/marathon.h"

namespace skylr::testing {

// Sorted task ids by app id.
using TasksByApp = std::map<std::string, std::vector<std::string>>;

// True when Marathon says `task` may take traffic: TASK_RUNNING and no health check
// reporting it dead.
bool routable(const Task& task);

// The task ids of every service's servers in skylrd's /status body `status_json`.
TasksByApp routed_by_skylrd(const std::string& status_json);

// The routable task ids of each of `app_ids` (present even without tasks) in Marathon's
// /v2/tasks body `tasks_json`; other apps are left out.
TasksByApp routable_in_marathon(const std::string& tasks_json, const std::vector<std::string>& app_ids);

}  // namespace skylr::testing
