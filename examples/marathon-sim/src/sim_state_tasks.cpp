// SimState: the life of tasks — launch, staging, running, health, kill — and advance().
#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "app_definition.h"
#include "event_json.h"
#include "sim_clock.h"
#include "sim_state.h"

namespace skylr::sim {
namespace {

bool current_config(const SimApp& app, const SimTask& task) {
  return task.config_version == app.last_config_change_at;
}

std::size_t count_current(const SimApp& app) {
  return std::count_if(app.tasks.begin(), app.tasks.end(),
                       [&](const SimTask& task) { return current_config(app, task); });
}

// The index of the current-config task to kill first under the app's killSelection.
std::size_t kill_candidate(const SimApp& app) {
  bool oldest_first = string_member(app.definition, "killSelection") == "OLDEST_FIRST";
  std::size_t chosen = app.tasks.size();
  for (std::size_t i = 0; i < app.tasks.size(); ++i) {
    if (!current_config(app, app.tasks[i])) continue;
    chosen = i;
    if (oldest_first) break;
  }
  return chosen;
}

}  // namespace

void SimState::launch_task(SimApp& app) {
  SimTask task;
  task.app_id = string_member(app.definition, "id");
  task.id = new_task_id(task.app_id);
  task.version = app.version;
  task.config_version = app.last_config_change_at;
  task.ports = launcher_.start(task.app_id, task.id, app_port_count(app.definition),
                               launch_requested(app.definition));
  task.service_ports = app_service_ports(app.definition);
  task.staged_at = now_timestamp();
  task.run_at = std::chrono::steady_clock::now() + stage_delay_;
  task.health_checked = has_health_checks(app.definition);
  events_.publish("status_update_event", status_update_event(task));
  app.tasks.push_back(std::move(task));
}

void SimState::kill_task(SimApp& app, std::size_t index) {
  SimTask task = std::move(app.tasks[index]);
  app.tasks.erase(app.tasks.begin() + static_cast<std::ptrdiff_t>(index));
  launcher_.stop(task.id);
  task.state = TaskState::kKilled;
  events_.publish("status_update_event", status_update_event(task));
}

void SimState::promote(SimTask& task) {
  if (task.state != TaskState::kStaging) return;
  task.state = TaskState::kRunning;
  task.started_at = now_timestamp();
  events_.publish("status_update_event", status_update_event(task));
  if (!task.health_checked) return;
  task.alive = true;
  task.first_success = task.last_success = task.started_at;
  events_.publish("health_status_changed_event", health_status_changed_event(task));
}

void SimState::reconcile(SimApp& app) {
  auto target = static_cast<std::size_t>(app_instances(app.definition));
  for (auto count = count_current(app); count < target; ++count) launch_task(app);
  for (auto count = count_current(app); count > target; --count) kill_task(app, kill_candidate(app));
  unsettled_.insert(string_member(app.definition, "id"));
}

void SimState::retire_old_tasks(SimApp& app) {
  auto running = std::count_if(app.tasks.begin(), app.tasks.end(), [&](const SimTask& task) {
    return current_config(app, task) && task.state == TaskState::kRunning;
  });
  if (static_cast<std::size_t>(running) != count_current(app)) return;
  for (std::size_t i = app.tasks.size(); i-- > 0;) {
    if (!current_config(app, app.tasks[i])) kill_task(app, i);
  }
}

bool SimState::settled(const std::string& app_id) const {
  auto it = apps_.find(app_id);
  if (it == apps_.end()) return true;
  const SimApp& app = it->second;
  bool all_running = std::all_of(app.tasks.begin(), app.tasks.end(), [&](const SimTask& task) {
    return current_config(app, task) && task.state == TaskState::kRunning;
  });
  return all_running && app.tasks.size() == static_cast<std::size_t>(app_instances(app.definition));
}

bool SimState::advance_app(SimApp& app, std::chrono::steady_clock::time_point now) {
  for (auto& task : app.tasks) {
    if (task.state == TaskState::kStaging && task.run_at <= now) promote(task);
  }
  retire_old_tasks(app);
  return std::all_of(app.tasks.begin(), app.tasks.end(), [&](const SimTask& task) {
    return current_config(app, task) && task.state == TaskState::kRunning;
  });
}

void SimState::advance() {
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  for (auto id = unsettled_.begin(); id != unsettled_.end();) {
    auto app = apps_.find(*id);
    bool settled = app == apps_.end() || advance_app(app->second, now);
    id = settled ? unsettled_.erase(id) : std::next(id);
  }
  progress_deployments();
}

std::optional<ApiError> SimState::set_task_health(const std::string& task_id, bool alive) {
  std::lock_guard lock(mutex_);
  for (auto& [id, app] : apps_) {
    for (auto& task : app.tasks) {
      if (task.id != task_id) continue;
      if (!task.health_checked) return message_error(409, fmt::format("App '{}' has no health checks", id));
      if (task.state != TaskState::kRunning) {
        return message_error(409, fmt::format("Task '{}' is not running", task_id));
      }
      if (task.alive == alive) return std::nullopt;
      task.alive = alive;
      task.consecutive_failures = alive ? 0 : task.consecutive_failures + 1;
      (alive ? task.last_success : task.last_failure) = now_timestamp();
      events_.publish("health_status_changed_event", health_status_changed_event(task));
      return std::nullopt;
    }
  }
  return task_not_found(task_id);
}

}  // namespace skylr::sim
