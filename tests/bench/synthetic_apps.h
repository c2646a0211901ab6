// Synthetic Marathon state for the benchmarks, in the Marathon 1.5 shape: N apps with
// host networking (`portDefinitions`), labels, health checks and every field a real
// `GET /v2/apps?embed=apps.tasks` answer carries, each with M tasks in a fixed mix of
// running, unhealthy and staging. The output depends only on the arguments (a seeded
// generator), so every run measures the same bytes.
#pragma once

#include <string>

namespace skylr::bench {

// The id of app number `index`: "/bench/group-07/app-00042" (100 groups).
std::string synthetic_app_id(int index);

// How many tasks of a synthetic answer fall into each state.
struct TaskMix {
  int running = 0;    // TASK_RUNNING, health checks alive
  int unhealthy = 0;  // TASK_RUNNING, a health check reports it dead
  int staging = 0;    // TASK_STAGING, not started
};

// The body of `GET /v2/apps?embed=apps.tasks` for `apps` apps of `tasks` tasks each;
// `mix`, when given, receives the task counts by state.
std::string synthetic_marathon_answer(int apps, int tasks, TaskMix* mix = nullptr);

// A marathon-sim --apps file (`{"apps":[...]}` of app definitions) for the same ids, each
// app with `instances` tasks, two port definitions, a health check and labels.
std::string synthetic_sim_apps(int apps, int instances);

}  // namespace skylr::bench
