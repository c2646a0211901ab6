// The records of the simulated cluster: tasks, apps and deployments. Plain data owned by
// SimState, which guards them with its mutex; renderers read them under that lock.
#pragma once

#include <rapidjson/document.h>

#include <chrono>
#include <string>
#include <vector>

namespace skylr::sim {

enum class TaskState { kStaging, kRunning, kKilled };

// "TASK_STAGING", "TASK_RUNNING" or "TASK_KILLED".
const char* task_state_name(TaskState state);

struct SimTask {
  std::string id;
  std::string app_id;
  std::string version;         // the app version the task was launched with
  std::string config_version;  // the app's lastConfigChangeAt at launch
  TaskState state = TaskState::kStaging;
  std::vector<int> ports;          // host ports
  std::vector<int> service_ports;  // the app's service ports
  std::string staged_at;
  std::string started_at;  // empty while staging
  std::chrono::steady_clock::time_point run_at;  // when staging ends
  bool health_checked = false;  // the app has health checks: results once running
  bool alive = false;
  int consecutive_failures = 0;
  std::string first_success;
  std::string last_success;
  std::string last_failure;
};

struct SimApp {
  rapidjson::Document definition;  // validated app JSON with "id" and "instances"
  std::string version;
  std::string last_scaling_at;
  std::string last_config_change_at;
  std::vector<SimTask> tasks;  // oldest first
};

// What a deployment step does to one app.
struct DeploymentAction {
  enum class Kind { kStart, kScale, kRestart, kStop };
  Kind kind = Kind::kScale;
  std::string app_id;
};

// "StartApplication", "ScaleApplication", "RestartApplication" or "StopApplication".
const char* action_name(DeploymentAction::Kind kind);

struct SimDeployment {
  std::string id;
  std::string version;
  std::vector<std::vector<DeploymentAction>> steps;
  std::size_t current = 0;  // index of the running step
  std::string original;     // the affected apps before, as a group JSON (for event plans)
  std::string target;       // the affected apps after
};

}  // namespace skylr::sim
