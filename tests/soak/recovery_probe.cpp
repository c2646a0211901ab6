#include "recovery_probe.h"

#include <algorithm>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "skylr/marathon.h"


namespace skylr::soak {
namespace {

constexpr auto kCheckInterval = std::chrono::milliseconds(50);

// The first difference between skylrd's routing and Marathon's, or "".
std::string routing_difference(const testing::TasksByApp& routed, const testing::TasksByApp& routable) {
  for (const auto& [app_id, tasks] : routable) {
    auto found = routed.find(app_id);
    std::vector<std::string> by_skylrd = found == routed.end() ? std::vector<std::string>{} : found->second;
    if (by_skylrd != tasks) {
      return fmt::format("skylrd routes {} task(s) of {}, Marathon lists {} routable", by_skylrd.size(), app_id,
                         tasks.size());
    }
  }
  return "";
}

// "" when every task of `app_ids` in the /v2/tasks body `tasks_json` runs, else how many
// Marathon still stages (a change it has not finished).
std::string staging_tasks(const std::string& tasks_json, const std::vector<std::string>& app_ids) {
  auto tasks = parse_tasks(tasks_json);
  if (!tasks) return "Marathon's /v2/tasks: " + tasks.error().message;
  long staging = std::count_if(tasks->begin(), tasks->end(), [&](const Task& task) {
    return task.state != "TASK_RUNNING" && std::find(app_ids.begin(), app_ids.end(), task.app_id) != app_ids.end();
  });
  return staging == 0 ? "" : fmt::format("Marathon still stages {} task(s)", staging);
}

}  // namespace

RecoveryProbe::RecoveryProbe(Cluster& cluster, const Traffic& traffic) : cluster_(cluster), traffic_(traffic) {}

std::string RecoveryProbe::traffic_problem(std::size_t service, TimePoint since,
                                           const std::vector<std::string>& routable) const {
  auto recent = traffic_.recent(service);
  const std::string& app_id = cluster_.app_ids()[service];
  long fresh = std::count_if(recent.begin(), recent.end(), [&](const auto& e) { return e.sent >= since; });
  if (fresh < static_cast<long>(Traffic::kKeptPerService)) {
    return fmt::format("{}: {} of the last {} requests sent since", app_id, fresh, Traffic::kKeptPerService);
  }
  for (const auto& exchange : recent) {
    if (exchange.failure != Failure::kOk) return fmt::format("{}: {}", app_id, failure_name(exchange.failure));
    if (std::find(routable.begin(), routable.end(), exchange.task_id) == routable.end()) {
      return fmt::format("{}: answered by {}, not routable now", app_id, exchange.task_id);
    }
  }
  return "";
}

std::string routing_problem(Cluster& cluster, testing::TasksByApp& routable) {
  if (cluster.skylrd_pid() == 0) return "skylrd is stopped";
  auto health = testing::http_call(cluster.skylrd_port(), "GET", "/health");
  if (health.status != 200) {
    return health.status == 0 ? "skylrd /health: " + health.error : "skylrd /health: " + health.body;
  }
  auto tasks = cluster.marathon("GET", "/v2/tasks");
  auto status = testing::http_call(cluster.skylrd_port(), "GET", "/status");
  if (tasks.status != 200) return "Marathon's /v2/tasks: " + tasks.error + tasks.body;
  if (status.status != 200) return "skylrd /status: " + status.error + status.body;
  if (auto staging = staging_tasks(tasks.body, cluster.app_ids()); !staging.empty()) return staging;
  try {
    routable = testing::routable_in_marathon(tasks.body, cluster.app_ids());
    return routing_difference(testing::routed_by_skylrd(status.body), routable);
  } catch (const std::runtime_error& error) {
    return error.what();
  }
}

std::string RecoveryProbe::whats_wrong(TimePoint since) const {
  testing::TasksByApp routable;
  std::string problem = routing_problem(cluster_, routable);
  if (!problem.empty()) return problem;
  for (std::size_t service = 0; service < cluster_.app_ids().size(); ++service) {
    problem = traffic_problem(service, since, routable[cluster_.app_ids()[service]]);
    if (!problem.empty()) return problem;
  }
  return "";
}

Recovery RecoveryProbe::wait(TimePoint since, Millis cap, const std::atomic<bool>& interrupted) const {
  std::string wrong = "not checked";
  while (!interrupted) {
    wrong = whats_wrong(since);
    TimePoint now = Clock::now();
    if (wrong.empty()) return {ms_between(since, now), ""};
    if (now - since >= cap) break;
    std::this_thread::sleep_for(kCheckInterval);
  }
  return {std::nullopt, interrupted ? "interrupted" : wrong};
}

}  // namespace skylr::soak
