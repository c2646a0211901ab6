#include "skylr/model.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "task_server.h"

namespace skylr {
namespace {

using AppsById = std::multimap<std::string_view, const App*>;

// A problem of one service, sortable by task id.
struct TaskProblem {
  std::string task_id;
  std::string message;
  auto operator<=>(const TaskProblem&) const = default;
};

bool by_name(const Server& a, const Server& b) {
  return std::tie(a.name, a.task_id, a.address, a.port) <
         std::tie(b.name, b.task_id, b.address, b.port);
}

// Sorts servers by name and keeps one server per name (a task listed twice).
void sort_and_dedupe(std::vector<Server>& servers) {
  std::sort(servers.begin(), servers.end(), by_name);
  auto same_name = [](const Server& a, const Server& b) { return a.name == b.name; };
  servers.erase(std::unique(servers.begin(), servers.end(), same_name), servers.end());
}

// The problems already in the model, by app id and message (a set: a cluster with many
// broken tasks must not make the model quadratic).
using KnownProblems = std::set<std::pair<std::string, std::string>>;

// Adds `service`'s problems to the model in task id order, once each even when two
// services follow the same app.
void add_problems(const ServiceConfig& service, std::vector<TaskProblem> found, Model& model,
                  KnownProblems& known) {
  std::sort(found.begin(), found.end());
  for (auto& problem : found) {
    if (!known.emplace(service.app_id, problem.message).second) continue;
    model.problems.push_back(Problem{service.app_id, std::move(problem.message)});
  }
}

// The backends of one service, from every app with its id.
ServiceBackends service_backends(const std::string& name, const ServiceConfig& service,
                                 const AppsById& apps, Model& model, KnownProblems& known) {
  ServiceBackends backends{name, false, {}};
  std::vector<TaskProblem> problems;
  auto [first, last] = apps.equal_range(service.app_id);
  for (auto it = first; it != last; ++it) {
    backends.app_found = true;
    for (const Task& task : it->second->tasks) {
      auto server = task_server(service, *it->second, task);
      if (!server) {
        problems.push_back({task.id, server.error().message});
      } else if (*server) {
        backends.servers.push_back(std::move(**server));
      }
    }
  }
  sort_and_dedupe(backends.servers);
  add_problems(service, std::move(problems), model, known);
  return backends;
}

}  // namespace

Model build_model(const Config& config, const std::vector<App>& apps) {
  AppsById by_id;
  for (const App& app : apps) by_id.emplace(app.id, &app);
  Model model;
  KnownProblems known;
  for (const auto& [name, service] : config.services) {
    model.services.push_back(service_backends(name, service, by_id, model, known));
  }
  return model;
}

}  // namespace skylr
