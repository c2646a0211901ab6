#include "sim_types.h"

namespace skylr::sim {

const char* task_state_name(TaskState state) {
  switch (state) {
    case TaskState::kStaging:
      return "TASK_STAGING";
    case TaskState::kRunning:
      return "TASK_RUNNING";
    case TaskState::kKilled:
      return "TASK_KILLED";
  }
  return "TASK_UNKNOWN";
}

const char* action_name(DeploymentAction::Kind kind) {
  switch (kind) {
    case DeploymentAction::Kind::kStart:
      return "StartApplication";
    case DeploymentAction::Kind::kScale:
      return "ScaleApplication";
    case DeploymentAction::Kind::kRestart:
      return "RestartApplication";
    case DeploymentAction::Kind::kStop:
      return "StopApplication";
  }
  return "Unknown";
}

}  // namespace skylr::sim
