#include "routing_view.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <stdexcept>

namespace skylr::testing {

bool routable(const Task& task) {
  bool dead = std::find(task.health_alive.begin(), task.health_alive.end(), false) != task.health_alive.end();
  return task.state == "TASK_RUNNING" && !dead;
}

TasksByApp routed_by_skylrd(const std::string& status_json) {
  rapidjson::Document status;
  status.Parse(status_json.data(), status_json.size());
  if (status.HasParseError() || !status.IsObject() || !status.HasMember("services") ||
      !status["services"].IsArray()) {
    throw std::runtime_error("skylrd's /status is not a JSON object with services");
  }
  TasksByApp routed;
  for (const auto& service : status["services"].GetArray()) {
    std::vector<std::string>& ids = routed[service["app_id"].GetString()];
    for (const auto& server : service["servers"].GetArray()) ids.emplace_back(server["task_id"].GetString());
    std::sort(ids.begin(), ids.end());
  }
  return routed;
}

TasksByApp routable_in_marathon(const std::string& tasks_json, const std::vector<std::string>& app_ids) {
  Result<std::vector<Task>> tasks = parse_tasks(tasks_json);
  if (!tasks) throw std::runtime_error("Marathon's /v2/tasks: " + tasks.error().message);
  TasksByApp expected;
  for (const std::string& app_id : app_ids) expected[app_id];
  for (const Task& task : *tasks) {
    auto app = expected.find(task.app_id);
    if (app != expected.end() && routable(task)) app->second.push_back(task.id);
  }
  for (auto& [app_id, ids] : expected) std::sort(ids.begin(), ids.end());
  return expected;
}

}  // namespace skylr::testing
