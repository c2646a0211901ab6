// SimState: the writes of the API — app updates, app deletion and task kills.
#include <algorithm>

#include "app_definition.h"
#include "deployment_render.h"
#include "event_json.h"
#include "json_out.h"
#include "sim_render.h"
#include "sim_state.h"

namespace skylr::sim {
namespace {

using Kind = DeploymentAction::Kind;

// Where the task `task_id` is: its app and index, or nothing.
std::optional<std::pair<SimApp*, std::size_t>> find_task(std::map<std::string, SimApp>& apps,
                                                         const std::string& task_id) {
  for (auto& [id, app] : apps) {
    for (std::size_t i = 0; i < app.tasks.size(); ++i) {
      if (app.tasks[i].id == task_id) return std::make_pair(&app, i);
    }
  }
  return std::nullopt;
}

// The ids of the apps running the tasks `task_ids`, each once, in order of first mention.
std::vector<std::string> apps_of(std::map<std::string, SimApp>& apps, const std::vector<std::string>& task_ids) {
  std::vector<std::string> app_ids;
  for (const auto& task_id : task_ids) {
    auto found = find_task(apps, task_id);
    if (!found) continue;
    const auto& app_id = found->first->tasks[found->second].app_id;
    if (std::find(app_ids.begin(), app_ids.end(), app_id) == app_ids.end()) app_ids.push_back(app_id);
  }
  return app_ids;
}

// The answer to POST /v2/apps, as Marathon gives it: the new app with its (no) tasks, zero
// counts and the deployment that starts it.
std::string created_app_json(const SimApp& app, const std::string& deployment_id) {
  Embeds embeds;
  embeds.tasks = embeds.counts = embeds.deployments = true;
  return write_json([&](JsonWriter& out) { write_app(out, app, embeds, {deployment_id}); });
}

std::vector<const SimTask*> pointers(const std::vector<SimTask>& tasks) {
  std::vector<const SimTask*> out;
  for (const auto& task : tasks) out.push_back(&task);
  return out;
}

}  // namespace

ApiResult<WriteOutcome> SimState::put_app(const AppWrite& write) {
  std::lock_guard lock(mutex_);
  const std::string& id = write.app_id;
  auto existing = apps_.find(id);
  if (existing == apps_.end() && write.kind == WriteKind::kPatch) return app_not_found(id);
  if (existing != apps_.end() && write.kind == WriteKind::kPost) return app_exists(id);
  if (auto error = check_lock({id}, write.force)) return *error;
  std::string original = group_of({id});
  std::vector<std::vector<DeploymentAction>> steps;
  if (existing == apps_.end()) {
    create_app(id, *write.body);
    steps = {{{Kind::kStart, id}}, {{Kind::kScale, id}}};
  } else {
    std::string config = existing->second.last_config_change_at;
    update_app(existing->second, *write.body, next_version());
    bool restart = config != existing->second.last_config_change_at;
    steps = {{{restart ? Kind::kRestart : Kind::kScale, id}}};
  }
  SimApp& app = apps_.at(id);
  events_.publish("api_post_event", api_post_event(write.client_ip, write.uri, app));
  const auto& deployment = start_deployment(std::move(steps), app.version, std::move(original), group_of({id}));
  WriteOutcome outcome{existing == apps_.end(), deployment.id,
                       write.kind == WriteKind::kPost ? created_app_json(app, deployment.id)
                                                      : deployment_result_json(deployment)};
  reconcile(app);
  return outcome;
}

ApiResult<WriteOutcome> SimState::delete_app(const std::string& app_id, bool force) {
  std::lock_guard lock(mutex_);
  auto it = apps_.find(app_id);
  if (it == apps_.end()) return app_not_found(app_id);
  if (auto error = check_lock({app_id}, force)) return *error;
  std::string original = group_of({app_id});
  while (!it->second.tasks.empty()) kill_task(it->second, it->second.tasks.size() - 1);
  apps_.erase(it);
  events_.publish("app_terminated_event", app_terminated_event(app_id));
  auto version = next_version();
  const auto& deployment =
      start_deployment({{{Kind::kStop, app_id}}}, version, std::move(original), group_json({}, version));
  return WriteOutcome{false, deployment.id, deployment_result_json(deployment)};
}

WriteOutcome SimState::start_scaling(const std::vector<std::string>& app_ids, std::string original) {
  auto version = next_version();
  std::vector<DeploymentAction> step;
  for (const auto& app_id : app_ids) {
    apps_.at(app_id).version = apps_.at(app_id).last_scaling_at = version;
    step.push_back({Kind::kScale, app_id});
  }
  const auto& deployment = start_deployment({step}, version, std::move(original), group_of(app_ids));
  return WriteOutcome{false, deployment.id, deployment_result_json(deployment)};
}

ApiResult<SimState::Killed> SimState::kill_locked(const std::vector<std::string>& task_ids, bool scale,
                                                  bool force) {
  auto affected = apps_of(apps_, task_ids);
  if (scale && !affected.empty()) {
    if (auto error = check_lock(affected, force)) return *error;
  }
  std::string original = group_of(affected);
  Killed killed;
  for (const auto& task_id : task_ids) {
    auto found = find_task(apps_, task_id);
    if (!found) continue;
    auto& [app, index] = *found;
    killed.tasks.push_back(app->tasks[index]);
    if (scale) set_app_instances(app->definition, std::max(0, app_instances(app->definition) - 1));
    kill_task(*app, index);
  }
  if (scale && !affected.empty()) killed.deployment = start_scaling(affected, std::move(original));
  for (const auto& app_id : affected) reconcile(apps_.at(app_id));
  return killed;
}

ApiResult<WriteOutcome> SimState::kill_app_tasks(const std::string& app_id,
                                                  const std::optional<std::string>& task_id, bool scale,
                                                  bool force) {
  std::lock_guard lock(mutex_);
  auto it = apps_.find(app_id);
  if (it == apps_.end()) return app_not_found(app_id);
  std::vector<std::string> ids;
  for (const auto& task : it->second.tasks) {
    if (!task_id || task.id == *task_id) ids.push_back(task.id);
  }
  if (task_id && ids.empty()) return task_not_found(*task_id);
  auto killed = kill_locked(ids, scale, force);
  if (auto* error = std::get_if<ApiError>(&killed)) return *error;
  auto& done = std::get<Killed>(killed);
  if (done.deployment) return *done.deployment;
  return WriteOutcome{false, "", task_id ? task_object_json(done.tasks.front()) : tasks_object_json(pointers(done.tasks))};
}

ApiResult<WriteOutcome> SimState::kill_tasks(const std::vector<std::string>& task_ids, bool scale, bool force) {
  std::lock_guard lock(mutex_);
  auto killed = kill_locked(task_ids, scale, force);
  if (auto* error = std::get_if<ApiError>(&killed)) return *error;
  auto& done = std::get<Killed>(killed);
  if (done.deployment) return *done.deployment;
  return WriteOutcome{false, "", tasks_object_json(pointers(done.tasks))};
}

}  // namespace skylr::sim
