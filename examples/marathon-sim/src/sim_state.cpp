// SimState: construction, reads and the apps of --apps files.
#include "sim_state.h"

#include <set>

#include "app_definition.h"
#include "app_validation.h"
#include "deployment_render.h"
#include "json_out.h"
#include "sim_clock.h"
#include "sim_render.h"

namespace skylr::sim {
namespace {

// The ids of the app objects in `apps`, or the error of the first invalid one.
ApiResult<std::vector<std::string>> app_ids(const rapidjson::Value& apps) {
  if (!apps.IsArray()) return details_error(400, "Invalid JSON", {{"/apps", {"error.expected.jsarray"}}});
  std::vector<std::string> ids;
  for (const auto& app : apps.GetArray()) {
    if (auto error = validate_app(app)) return *error;
    auto id = required_app_id(app);
    if (auto* error = std::get_if<ApiError>(&id)) return *error;
    ids.push_back(std::move(std::get<std::string>(id)));
  }
  return ids;
}

}  // namespace

SimState::SimState(EventSink& events, TaskLauncher& launcher, std::chrono::milliseconds stage_delay)
    : events_(events), launcher_(launcher), stage_delay_(stage_delay) {}

std::string SimState::next_version() {
  auto now = std::chrono::system_clock::now();
  last_version_ = std::max(now, last_version_ + std::chrono::milliseconds(1));
  return iso_timestamp(last_version_);
}

void SimState::assign_service_ports(rapidjson::Document& definition) {
  for (int port : app_service_ports(definition)) {
    if (port != 0) requested_service_ports_.insert(port);
  }
  complete_ports(definition, [this] {
    while (requested_service_ports_.contains(next_service_port_)) ++next_service_port_;
    return next_service_port_++;
  });
}

SimApp& SimState::create_app(const std::string& app_id, const rapidjson::Value& body) {
  SimApp app;
  app.definition = new_app_definition(app_id);
  merge_app_update(app.definition, body);
  assign_service_ports(app.definition);
  app.version = next_version();
  app.last_scaling_at = app.version;
  app.last_config_change_at = app.version;
  return apps_.emplace(app_id, std::move(app)).first->second;
}

void SimState::update_app(SimApp& app, const rapidjson::Value& body, std::string version) {
  rapidjson::Document definition;
  definition.CopyFrom(app.definition, definition.GetAllocator());
  merge_app_update(definition, body);
  assign_service_ports(definition);
  if (same_config(definition, app.definition)) {
    app.last_scaling_at = version;
  } else {
    app.last_config_change_at = version;
  }
  app.version = std::move(version);
  app.definition = std::move(definition);
}

std::optional<ApiError> SimState::load_apps(const rapidjson::Value& apps) {
  auto ids = app_ids(apps);
  if (auto* error = std::get_if<ApiError>(&ids)) return *error;
  std::lock_guard lock(mutex_);
  std::set<std::string> seen;
  for (const auto& id : std::get<0>(ids)) {
    if (apps_.count(id) != 0 || !seen.insert(id).second) {
      return app_exists(id);
    }
  }
  auto id = std::get<0>(ids).begin();
  for (const auto& body : apps.GetArray()) {
    SimApp& app = create_app(*id++, body);
    reconcile(app);
    for (auto& task : app.tasks) promote(task);
  }
  return std::nullopt;
}

std::string SimState::apps_json(const Embeds& embeds, const AppFilter& filter) const {
  Embeds listed = embeds;
  listed.counts = listed.deployments = true;
  std::lock_guard lock(mutex_);
  return write_json([&](JsonWriter& out) {
    out.StartObject();
    out.Key("apps");
    out.StartArray();
    for (const auto& [id, app] : apps_) {
      if (app_matches(filter, app.definition)) write_app(out, app, listed, deployment_ids(id));
    }
    out.EndArray();
    out.EndObject();
  });
}

ApiResult<std::string> SimState::app_json(const std::string& app_id) const {
  std::lock_guard lock(mutex_);
  auto it = apps_.find(app_id);
  if (it == apps_.end()) return app_not_found(app_id);
  return write_json([&](JsonWriter& out) {
    out.StartObject();
    out.Key("app");
    write_app(out, it->second, Embeds{true, true, true, true, true}, deployment_ids(app_id));
    out.EndObject();
  });
}

ApiResult<std::string> SimState::app_tasks_json(const std::string& app_id) const {
  std::lock_guard lock(mutex_);
  auto it = apps_.find(app_id);
  if (it == apps_.end()) return app_not_found(app_id);
  std::vector<const SimTask*> tasks;
  for (const auto& task : it->second.tasks) tasks.push_back(&task);
  return tasks_object_json(tasks);
}

std::string SimState::tasks_json(std::optional<TaskState> state) const {
  std::lock_guard lock(mutex_);
  std::vector<const SimTask*> tasks;
  for (const auto& [id, app] : apps_) {
    for (const auto& task : app.tasks) {
      if (!state || task.state == *state) tasks.push_back(&task);
    }
  }
  return tasks_object_json(tasks);
}

std::string SimState::deployments_json() const {
  std::lock_guard lock(mutex_);
  return write_json([&](JsonWriter& out) {
    out.StartArray();
    for (const auto& deployment : deployments_) write_deployment(out, deployment);
    out.EndArray();
  });
}

}  // namespace skylr::sim
