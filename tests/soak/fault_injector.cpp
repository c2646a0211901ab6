#include "fault_injector.h"

#include <csignal>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "proc_table.h"
#include "routing_view.h"

namespace skylr::soak {

using testing::connected_ports;
using testing::runs_as;
namespace {

constexpr int kMaxInstances = 4;
// How long after the master skylrd follows went down the soak changes an app, so that
// skylrd must learn it from the other master.
constexpr auto kChangeWhileLeaderDown = std::chrono::milliseconds(300);

// Throws unless `answer` is a 2xx.
void require_ok(const testing::HttpAnswer& answer, const std::string& what) {
  if (answer.status / 100 != 2) {
    throw std::runtime_error(fmt::format("{}: {} {}{}", what, answer.status, answer.body, answer.error));
  }
}

}  // namespace

FaultInjector::FaultInjector(Cluster& cluster, const HaproxyWatch& haproxy, FaultJournal& journal,
                             std::mt19937_64& random, int instances)
    : cluster_(cluster), haproxy_(haproxy), journal_(journal), random_(random) {
  for (const auto& app_id : cluster_.app_ids()) instances_[app_id] = instances;
}

std::size_t FaultInjector::pick(std::size_t size) {
  return std::uniform_int_distribution<std::size_t>(0, size - 1)(random_);
}

Millis FaultInjector::between(Millis low, Millis high) {
  return Millis(std::uniform_int_distribution<long>(low.count(), high.count())(random_));
}

std::optional<Step> FaultInjector::inject(FaultKind kind) {
  undo_ = nullptr;
  switch (kind) {
    case FaultKind::kScale: return scale();
    case FaultKind::kKillTask: return kill_task();
    case FaultKind::kHealth: return fail_health();
    case FaultKind::kHaproxyWorker: return kill_haproxy(false);
    case FaultKind::kHaproxyMaster: return kill_haproxy(true);
    case FaultKind::kLeader: return take_leader_down();
    case FaultKind::kSighup: return sighup();
    case FaultKind::kRestartSkylrd: return restart_skylrd();
  }
  return std::nullopt;
}

std::optional<Step> FaultInjector::undo() {
  auto undo = std::move(undo_);
  undo_ = nullptr;
  return undo ? undo() : std::nullopt;
}

void FaultInjector::set_instances(const std::string& app_id, int instances) {
  journal_.app_changed(app_id, Clock::now());
  require_ok(cluster_.marathon("PUT", "/v2/apps" + app_id + "?force=true", fmt::format(R"({{"instances":{}}})", instances)),
             "scaling " + app_id);
  instances_[app_id] = instances;
}

std::vector<std::string> FaultInjector::routable_tasks(const std::string& app_id) const {
  auto answer = cluster_.marathon("GET", "/v2/tasks");
  require_ok(answer, "GET /v2/tasks");
  return testing::routable_in_marathon(answer.body, {app_id}).at(app_id);
}

std::optional<Step> FaultInjector::scale() {
  const std::string& app_id = cluster_.app_ids()[pick(cluster_.app_ids().size())];
  int before = instances_[app_id];
  int after = 1 + static_cast<int>(pick(kMaxInstances - 1));
  if (after >= before) ++after;  // 1 … kMaxInstances, never `before`
  TimePoint at = Clock::now();
  set_instances(app_id, after);
  return Step{"scale", fmt::format("{} {} → {}", app_id, before, after), at};
}

std::string FaultInjector::kill_random_task() {
  const std::string& app_id = cluster_.app_ids()[pick(cluster_.app_ids().size())];
  auto tasks = routable_tasks(app_id);
  if (tasks.empty()) return fmt::format("{} has no task to kill", app_id);
  const std::string& task_id = tasks[pick(tasks.size())];
  journal_.app_changed(app_id, Clock::now());
  require_ok(cluster_.marathon("DELETE", "/v2/apps" + app_id + "/tasks/" + task_id), "killing " + task_id);
  return "killed " + task_id;
}

std::optional<Step> FaultInjector::kill_task() {
  TimePoint at = Clock::now();
  return Step{"kill-task", kill_random_task(), at};
}

std::optional<Step> FaultInjector::fail_health() {
  // Only an app with a spare task: a service without any would fail for the whole hold.
  std::vector<std::string> candidates;
  for (const auto& app_id : cluster_.app_ids()) {
    if (routable_tasks(app_id).size() >= 2) candidates.push_back(app_id);
  }
  if (candidates.empty()) return std::nullopt;
  const std::string app_id = candidates[pick(candidates.size())];
  auto tasks = routable_tasks(app_id);
  if (tasks.size() < 2) return std::nullopt;
  const std::string task_id = tasks[pick(tasks.size())];
  TimePoint at = Clock::now();
  journal_.app_changed(app_id, at);
  require_ok(cluster_.marathon("POST", "/_sim/tasks/" + task_id + "/unhealthy", "{}"), "failing " + task_id);
  undo_ = [this, app_id, task_id]() -> std::optional<Step> {
    TimePoint back = Clock::now();
    journal_.app_changed(app_id, back);
    auto answer = cluster_.marathon("POST", "/_sim/tasks/" + task_id + "/healthy", "{}");
    if (answer.status != 200) return std::nullopt;  // killed or replaced meanwhile
    return Step{"health (healthy again)", task_id, back};
  };
  return Step{"health", task_id + " unhealthy", at};
}

std::optional<Step> FaultInjector::kill_haproxy(bool master) {
  HaproxyProcesses running = haproxy_.now();
  pid_t victim = master ? running.master : (running.workers.empty() ? 0 : running.workers[pick(running.workers.size())]);
  if (victim == 0 || !runs_as(victim, "haproxy")) return std::nullopt;
  TimePoint at = Clock::now();
  journal_.haproxy_killed(at);
  ::kill(victim, SIGKILL);
  return Step{master ? "haproxy-master" : "haproxy-worker", fmt::format("kill -9 {}", victim), at};
}

std::optional<Step> FaultInjector::take_leader_down() {
  // The master skylrd follows: the one its event stream is connected to.
  bool on_standby = connected_ports(cluster_.skylrd_pid()).contains(cluster_.standby_port());
  TimePoint at = Clock::now();
  if (on_standby) {
    cluster_.kill_standby();
  } else {
    cluster_.set_primary_leads(false);
  }
  std::this_thread::sleep_for(kChangeWhileLeaderDown);
  const std::string& app_id = cluster_.app_ids()[pick(cluster_.app_ids().size())];
  int before = instances_[app_id];
  int after = before == kMaxInstances ? before - 1 : before + 1;
  set_instances(app_id, after);
  undo_ = [this, on_standby]() -> std::optional<Step> {
    TimePoint back = Clock::now();
    if (on_standby) {
      cluster_.restart_standby();
    } else {
      cluster_.set_primary_leads(true);
    }
    return Step{"leader (back)", on_standby ? "standby restarted" : "primary leads again", back};
  };
  return Step{on_standby ? "leader (standby crashes)" : "leader (primary abdicates)",
              fmt::format("{} down; then {} {} → {}", on_standby ? "standby" : "primary", app_id, before, after),
              at};
}

std::optional<Step> FaultInjector::sighup() {
  TimePoint at = Clock::now();
  if (pick(2) == 0) {
    config_variant_ = 1 - config_variant_;
    cluster_.write_config(config_variant_);
    cluster_.sighup_skylrd();
    return Step{"sighup (valid config)", fmt::format("timeout_client_ms {}", 50000 + config_variant_), at};
  }
  std::string what = cluster_.write_invalid_config(static_cast<int>(pick(kInvalidConfigs)));
  cluster_.sighup_skylrd();
  undo_ = [this]() -> std::optional<Step> {
    cluster_.write_config(config_variant_);  // for later restarts; skylrd is not told
    return std::nullopt;
  };
  return Step{"sighup (invalid config)", what, at};
}

std::optional<Step> FaultInjector::restart_skylrd() {
  int signo = pick(2) == 0 ? SIGTERM : SIGKILL;
  TimePoint stopped = Clock::now();
  cluster_.stop_skylrd(signo);
  std::this_thread::sleep_for(between(Millis(200), Millis(1500)));
  std::string meanwhile = pick(2) == 0 ? "; meanwhile " + kill_random_task() : "";
  // Recovery counts from the new start: the time skylrd needs to be back in charge.
  TimePoint at = Clock::now();
  cluster_.start_skylrd();
  return Step{signo == SIGTERM ? "restart-skylrd (SIGTERM)" : "restart-skylrd (SIGKILL)",
              fmt::format("SIG{}, down {:.0f} ms{}", sigabbrev_np(signo), ms_between(stopped, at), meanwhile), at};
}

}  // namespace skylr::soak
