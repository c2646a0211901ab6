#include "marathon/deployment_event.h"

#include <algorithm>
#include <array>

#include "marathon/json.h"

namespace skylr::marathon {

using util::JsonPath;
namespace {

constexpr std::array<std::string_view, 5> kDeploymentEvents = {
    "deployment_info", "deployment_success", "deployment_failed", "deployment_step_success",
    "deployment_step_failure"};

enum DeploymentKey { kPlan, kCurrentStep };
constexpr std::array<std::string_view, 2> kDeploymentKeys = {"plan", "currentStep"};
constexpr std::array<std::string_view, 1> kStepsKey = {"steps"};
constexpr std::array<std::string_view, 1> kActionsKey = {"actions"};
constexpr std::array<std::string_view, 1> kAppKey = {"app"};

// Appends the `app` of the action `action`, when it names one.
Status read_action_app(const rapidjson::Value& action, const JsonPath& path, std::vector<std::string>& app_ids) {
  if (Status status = check_object(action, path); !status) return status;
  const Members app(action, path, kAppKey);
  if (app[0].value == nullptr) return {};
  return read_optional_app_id(app[0], app_ids.emplace_back());
}

// Appends the apps of the actions of the step `step`.
Status read_step_apps(const rapidjson::Value& step, const JsonPath& path, std::vector<std::string>& app_ids) {
  if (Status status = check_object(step, path); !status) return status;
  const Members actions(step, path, kActionsKey);
  if (actions[0].value == nullptr) return {};
  return for_each_element(*actions[0].value, actions[0].path,
                          [&](const rapidjson::Value& action, const JsonPath& action_path) {
                            return read_action_app(action, action_path, app_ids);
                          });
}

// Appends the apps of every step of the plan `plan`.
Status read_plan_apps(const Member& plan, std::vector<std::string>& app_ids) {
  if (Status status = check_optional_object(plan); !status) return status;
  const Members steps(plan, kStepsKey);
  if (steps[0].value == nullptr) return {};
  return for_each_element(*steps[0].value, steps[0].path,
                          [&](const rapidjson::Value& step, const JsonPath& step_path) {
                            return read_step_apps(step, step_path, app_ids);
                          });
}

}  // namespace

bool is_deployment_event(std::string_view type) {
  return std::find(kDeploymentEvents.begin(), kDeploymentEvents.end(), type) != kDeploymentEvents.end();
}

Status read_deployment_app_ids(const rapidjson::Value& event, const JsonPath& path,
                               std::vector<std::string>& app_ids) {
  const Members members(event, path, kDeploymentKeys);
  const Member current_step = members[kCurrentStep];
  if (current_step.value != nullptr) return read_step_apps(*current_step.value, current_step.path, app_ids);
  return read_plan_apps(members[kPlan], app_ids);
}

}  // namespace skylr::marathon
