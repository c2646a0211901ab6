// SimState: deployments — the lock they hold on their apps, their steps and their events.
#include <fmt/format.h>

#include <algorithm>

#include "deployment_render.h"
#include "event_json.h"
#include "sim_clock.h"
#include "sim_render.h"
#include "sim_state.h"

namespace skylr::sim {
namespace {

bool affects(const SimDeployment& deployment, const std::string& app_id) {
  return std::any_of(deployment.steps.begin(), deployment.steps.end(), [&](const auto& step) {
    return std::any_of(step.begin(), step.end(), [&](const auto& action) { return action.app_id == app_id; });
  });
}

bool affects_any(const SimDeployment& deployment, const std::vector<std::string>& app_ids) {
  return std::any_of(app_ids.begin(), app_ids.end(), [&](const auto& id) { return affects(deployment, id); });
}

ApiError locked_error(const std::vector<std::string>& ids) {
  auto message = fmt::format(
      "App is locked by one or more deployments. Override with the option '?force=true'. "
      "View details at '/v2/deployments/{}'.",
      ids.front());
  return {409, write_json([&](JsonWriter& out) {
            out.StartObject();
            write_member(out, "message", message);
            out.Key("deployments");
            write_id_objects(out, ids);
            out.EndObject();
          })};
}

}  // namespace

std::vector<std::string> SimState::deployment_ids(const std::string& app_id) const {
  std::vector<std::string> ids;
  for (const auto& deployment : deployments_) {
    if (affects(deployment, app_id)) ids.push_back(deployment.id);
  }
  return ids;
}

std::optional<ApiError> SimState::check_lock(const std::vector<std::string>& app_ids, bool force) {
  std::vector<std::string> locking;
  for (const auto& deployment : deployments_) {
    if (affects_any(deployment, app_ids)) locking.push_back(deployment.id);
  }
  if (locking.empty()) return std::nullopt;
  if (!force) return locked_error(locking);
  std::erase_if(deployments_, [&](const SimDeployment& deployment) {
    if (!affects_any(deployment, app_ids)) return false;
    events_.publish("deployment_failed", deployment_done_event("deployment_failed", deployment));
    return true;
  });
  return std::nullopt;
}

const SimDeployment& SimState::start_deployment(std::vector<std::vector<DeploymentAction>> steps,
                                                std::string version, std::string original,
                                                std::string target) {
  deployments_.push_back(
      {uuid_v4(), std::move(version), std::move(steps), 0, std::move(original), std::move(target)});
  const auto& deployment = deployments_.back();
  events_.publish("deployment_info", deployment_step_event("deployment_info", deployment));
  return deployment;
}

std::string SimState::group_of(const std::vector<std::string>& app_ids) const {
  std::vector<const rapidjson::Value*> definitions;
  std::string version;
  for (const auto& id : app_ids) {
    auto it = apps_.find(id);
    if (it == apps_.end()) continue;
    definitions.push_back(&it->second.definition);
    version = std::max(version, it->second.version);
  }
  return group_json(definitions, version);
}

bool SimState::step_done(const std::vector<DeploymentAction>& step) const {
  return std::all_of(step.begin(), step.end(), [&](const DeploymentAction& action) {
    using Kind = DeploymentAction::Kind;
    return action.kind == Kind::kStart || action.kind == Kind::kStop || settled(action.app_id);
  });
}

void SimState::progress_deployments() {
  std::erase_if(deployments_, [&](SimDeployment& deployment) {
    while (step_done(deployment.steps[deployment.current])) {
      events_.publish("deployment_step_success", deployment_step_event("deployment_step_success", deployment));
      if (deployment.current + 1 == deployment.steps.size()) {
        events_.publish("deployment_success", deployment_done_event("deployment_success", deployment));
        return true;
      }
      ++deployment.current;
      events_.publish("deployment_info", deployment_step_event("deployment_info", deployment));
    }
    return false;
  });
}

}  // namespace skylr::sim
