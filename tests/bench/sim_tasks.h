// One app's tasks as marathon-sim reports them (GET /v2/apps/{id}/tasks), with what the
// shared Task type leaves out: when each started. For the benchmarks that time from a task
// running to HAProxy serving it. Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace skylr::bench {

// One task of an app.
struct SimTask {
  std::string id;
  std::string state;  // "TASK_RUNNING", "TASK_STAGING", …
  std::string host;
  int port = 0;  // ports[0]
  std::optional<std::chrono::system_clock::time_point> started_at;  // startedAt (ms), once running
};

// The tasks of `app_id` ("/grp/app") in the simulator on 127.0.0.1:`sim_port`; throws
// std::runtime_error when the simulator does not answer 200 with tasks.
std::vector<SimTask> sim_app_tasks(int sim_port, const std::string& app_id);

// The time an ISO 8601 UTC timestamp with milliseconds ("2024-03-11T09:21:44.512Z") names,
// or nullopt when `text` is not one.
std::optional<std::chrono::system_clock::time_point> parse_utc_millis(const std::string& text);

}  // namespace skylr::bench
