#include "skylr/model.h"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "model/task_server.h"
#include "util/sorted_vector.h"

namespace skylr {

using model::task_server;
namespace {

// The apps sorted by id (one allocation, where a multimap takes one per app).
using AppsById = std::vector<std::pair<std::string_view, const App*>>;

bool by_app_id(const AppsById::value_type& a, const AppsById::value_type& b) { return a.first < b.first; }

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

// The name of the service `backends` stands for: the key the model's services are sorted by.
std::string_view service_name(const ServiceBackends& backends) { return backends.service; }

// The servers of service `name` in `model`, or nullptr when it has none.
const std::vector<Server>* servers_of(const Model& model, const std::string& name) {
  const ServiceBackends* found = util::find_sorted(model.services, name, service_name);
  return found != nullptr ? &found->servers : nullptr;
}

// The backends of a service whose app Marathon's answer left malformed: its servers in
// `previous`, with a problem saying so.
ServiceBackends kept_backends(const std::string& name, const ServiceConfig& service, const App& app,
                              const Model& previous, Model& model, KnownProblems& known) {
  ServiceBackends backends{name, true, {}, true};
  if (const std::vector<Server>* servers = servers_of(previous, name)) backends.servers = *servers;
  std::size_t count = backends.servers.size();
  std::string message = fmt::format(
      "app {}: Marathon's answer for it is malformed ({}); {}", service.app_id, app.malformed,
      count == 0 ? std::string("it has no servers until Marathon answers it whole")
                 : fmt::format("keeping its {} last known server{}", count, count == 1 ? "" : "s"));
  if (known.emplace(service.app_id, message).second) {
    model.problems.push_back(Problem{service.app_id, std::move(message), ProblemKind::kAppKept});
  }
  return backends;
}

// The backends of one service, from every app with its id; when one of them is
// malformed, its servers in `previous`.
ServiceBackends service_backends(const std::string& name, const ServiceConfig& service,
                                 const AppsById& apps, const Model& previous, Model& model,
                                 KnownProblems& known) {
  ServiceBackends backends{name, false, {}};
  if (service.origin == ServiceOrigin::kSpare || service.origin == ServiceOrigin::kRetired) return backends;
  std::vector<TaskProblem> problems;
  auto [first, last] = std::equal_range(apps.begin(), apps.end(),
                                        AppsById::value_type{service.app_id, nullptr}, by_app_id);
  for (auto it = first; it != last; ++it) {
    if (!it->second->malformed.empty()) return kept_backends(name, service, *it->second, previous, model, known);
  }
  std::size_t tasks = 0;
  for (auto it = first; it != last; ++it) tasks += it->second->tasks.size();
  backends.servers.reserve(tasks);
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

// The apps by id, sorted; apps with the same id keep Marathon's order.
AppsById index_apps(const std::vector<App>& apps) {
  AppsById by_id;
  by_id.reserve(apps.size());
  for (const App& app : apps) by_id.emplace_back(app.id, &app);
  std::stable_sort(by_id.begin(), by_id.end(), by_app_id);
  return by_id;
}

bool problem_by_app_id(const Problem& a, const Problem& b) { return a.app_id < b.app_id; }

}  // namespace

Model build_model(const Config& config, const std::vector<App>& apps, const Model& previous) {
  AppsById by_id = index_apps(apps);
  Model model;
  model.services.reserve(config.services.size());
  KnownProblems known;
  for (const auto& [name, service] : config.services) {
    model.services.push_back(service_backends(name, service, by_id, previous, model, known));
  }
  std::stable_sort(model.problems.begin(), model.problems.end(), problem_by_app_id);
  return model;
}

Model build_partial_model(const Config& config, const std::vector<App>& apps,
                          const std::set<std::string>& app_ids, const Model& previous) {
  AppsById by_id = index_apps(apps);
  Model part;
  KnownProblems known;
  for (const auto& [name, service] : config.services) {
    if (app_ids.count(service.app_id) == 0) continue;
    part.services.push_back(service_backends(name, service, by_id, previous, part, known));
  }
  std::stable_sort(part.problems.begin(), part.problems.end(), problem_by_app_id);
  return part;
}

void add_problems(Model& model, std::vector<Problem> problems) {
  auto kept = static_cast<std::ptrdiff_t>(model.problems.size());
  model.problems.insert(model.problems.end(), std::make_move_iterator(problems.begin()),
                        std::make_move_iterator(problems.end()));
  std::inplace_merge(model.problems.begin(), model.problems.begin() + kept, model.problems.end(),
                     problem_by_app_id);
}

void merge_model(Model& model, const Model& part, const std::set<std::string>& app_ids) {
  for (const ServiceBackends& backends : part.services) util::put_sorted(model.services, backends, service_name);
  std::erase_if(model.problems, [&](const Problem& problem) { return app_ids.count(problem.app_id) > 0; });
  add_problems(model, part.problems);
}

}  // namespace skylr
