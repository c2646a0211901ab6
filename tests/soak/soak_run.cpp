#include "soak_run.h"

#include <csignal>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "answer_check.h"
#include "chaos_schedule.h"
#include "cluster.h"
#include "failure_attribution.h"
#include "fault_injector.h"
#include "fault_journal.h"
#include "haproxy_watch.h"
#include "marathon_truth.h"
#include "recovery_probe.h"
#include "scratch.h"
#include "soak_report.h"
#include "traffic.h"

namespace skylr::soak {
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(30);
constexpr int kInstances = 2;

// One soak run; its destructor stops everything in order: traffic, skylrd and the
// simulators, then every HAProxy process, then the logs are copied and the directory goes.
class SoakRun {
 public:
  SoakRun(const SoakOptions& options, const std::atomic<bool>& interrupted)
      : options_(options), interrupted_(interrupted), schedule_(options.seed, options.faults) {}
  ~SoakRun();

  // Starts everything and waits until skylrd routes Marathon's tasks and traffic flows.
  void start();
  // Injects faults until the time is up or the run is interrupted.
  void inject_faults();
  // Stops the traffic and gathers what the report tells.
  SoakResults finish();

 private:
  // Waits until skylrd routes Marathon's tasks; throws when it does not within 30 s.
  void await_routing() const;
  // Measures the recovery after `step` and records it.
  void measure(const Step& step);
  // Restarts skylrd when it ended by itself, noting it.
  void revive_skylrd();
  // Sleeps `duration` unless interrupted.
  void pause(Millis duration) const;
  // Prints "[+12.3 s] <text>" on stderr.
  void log(const std::string& text) const;
  // The changes of every service's tasks: the soak's and those Marathon showed.
  std::vector<std::vector<TimePoint>> service_changes() const;

  const SoakOptions options_;
  const std::atomic<bool>& interrupted_;
  testing::TempDir dir_;
  FaultJournal journal_;
  ChaosSchedule schedule_;
  TimePoint start_ = Clock::now();
  TimePoint faults_end_ = Clock::now();
  std::unique_ptr<HaproxyWatch> watch_;
  std::unique_ptr<Cluster> cluster_;
  std::unique_ptr<MarathonTruth> truth_;
  std::unique_ptr<AnswerCheck> check_;
  std::unique_ptr<Traffic> traffic_;
  std::unique_ptr<RecoveryProbe> probe_;
  std::unique_ptr<FaultInjector> injector_;
};

SoakRun::~SoakRun() {
  injector_.reset();
  probe_.reset();
  if (traffic_) traffic_->stop();
  truth_.reset();
  cluster_.reset();
  if (watch_) watch_->kill_all();
  if (!options_.logs_dir.empty()) {
    try {
      copy_logs(dir_, options_.logs_dir);
      fmt::print(stderr, "soak: logs copied to {}\n", options_.logs_dir);
    } catch (const std::exception& error) {
      fmt::print(stderr, "soak: cannot copy the logs: {}\n", error.what());
    }
  }
}

void SoakRun::log(const std::string& text) const {
  fmt::print(stderr, "[{:+7.1f} s] {}\n", ms_between(start_, Clock::now()) / 1000, text);
}

void SoakRun::pause(Millis duration) const {
  TimePoint until = Clock::now() + duration;
  while (!interrupted_ && Clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

void SoakRun::start() {
  ClusterSettings settings;
  settings.apps = options_.apps;
  settings.instances = kInstances;
  settings.kill_grace_ms = options_.kill_grace_ms;
  watch_ = std::make_unique<HaproxyWatch>(haproxy_pid_file(dir_));
  cluster_ = std::make_unique<Cluster>(dir_, settings);
  cluster_->check_invalid_configs();
  truth_ = std::make_unique<MarathonTruth>([cluster = cluster_.get()] { return cluster->marathon("GET", "/v2/tasks"); },
                                           cluster_->app_ids());
  await_routing();
  std::function<void(const std::string&)> note;
  if (options_.verbose) note = [this](const std::string& line) { log(line); };
  check_ = std::make_unique<AnswerCheck>(*truth_, cluster_->app_ids(),
                                         Millis(options_.kill_grace_ms + options_.grace_margin_ms), note);
  traffic_ = std::make_unique<Traffic>(cluster_->service_ports(), Millis(options_.pace_ms), *check_);
  probe_ = std::make_unique<RecoveryProbe>(*cluster_, *traffic_);
  auto ready = probe_->wait(Clock::now(), kStartTimeout, interrupted_);
  if (!ready.ms) throw std::runtime_error("traffic did not flow at the start: " + ready.not_recovered);
  injector_ = std::make_unique<FaultInjector>(*cluster_, *watch_, journal_, schedule_.random(), kInstances);
  start_ = Clock::now();
  log(fmt::format("started: primary marathon-sim :{}, standby :{}, skylrd :{}, services on HAProxy ports {}",
                  cluster_->primary_port(), cluster_->standby_port(), cluster_->skylrd_port(),
                  fmt::join(cluster_->service_ports(), ",")));
}

void SoakRun::await_routing() const {
  testing::TasksByApp routable;
  std::string problem = "not checked";
  for (TimePoint begin = Clock::now(); !interrupted_ && Clock::now() - begin < kStartTimeout;) {
    problem = routing_problem(*cluster_, routable);
    if (problem.empty()) return;
    pause(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("skylrd did not catch up at the start: " + problem);
}

void SoakRun::inject_faults() {
  TimePoint end = start_ + std::chrono::milliseconds(static_cast<long>(options_.minutes * 60000));
  while (!interrupted_ && Clock::now() < end) {
    revive_skylrd();
    FaultKind kind = schedule_.next_fault();
    auto step = injector_->inject(kind);
    if (!step) {
      std::string name(fault_name(kind));
      if (!journal_.skips().contains(name) || options_.verbose) {
        log(name + ": nothing to act on now, skipped (the report counts the skips)");
      }
      journal_.skipped(name);
      pause(schedule_.pause());
      continue;
    }
    measure(*step);
    if (injector_->has_undo()) {
      pause(schedule_.hold());
      if (auto undone = injector_->undo()) measure(*undone);
    }
    pause(schedule_.pause());
  }
  if (injector_->has_undo()) injector_->undo();
  faults_end_ = Clock::now();
}

void SoakRun::measure(const Step& step) {
  Recovery recovery = probe_->wait(step.at, Millis(options_.recovery_cap_ms), interrupted_);
  if (interrupted_) return;
  std::string verdict =
      recovery.ms ? fmt::format("recovered in {:.0f} ms{}", *recovery.ms,
                                *recovery.ms > options_.recovery_bound_ms ? " (over the bound)" : "")
                  : fmt::format("NOT recovered within {} ms: {}", options_.recovery_cap_ms, recovery.not_recovered);
  log(fmt::format("{}: {} — {}", step.label, step.detail, verdict));
  journal_.add_step({step.label, step.detail, step.at, recovery.ms, recovery.not_recovered});
}

void SoakRun::revive_skylrd() {
  auto code = cluster_->skylrd_died();
  if (!code) return;
  std::string what = fmt::format("skylrd exited with {} at {:+.1f} s; its last log lines:\n{}", *code,
                                 ms_between(start_, Clock::now()) / 1000, cluster_->skylrd_log_tail(10));
  log(what);
  journal_.skylrd_died(what);
  cluster_->stop_skylrd(SIGKILL);
  cluster_->start_skylrd();
}

std::vector<std::vector<TimePoint>> SoakRun::service_changes() const {
  std::vector<std::vector<TimePoint>> changes;
  for (const auto& app_id : cluster_->app_ids()) {
    auto soak = journal_.app_changes(app_id);
    auto seen = truth_->changes(app_id);
    soak.insert(soak.end(), seen.begin(), seen.end());
    changes.push_back(std::move(soak));
  }
  return changes;
}

SoakResults SoakRun::finish() {
  revive_skylrd();
  Recovery final_state = probe_->wait(Clock::now(), Millis(options_.recovery_cap_ms), interrupted_);
  traffic_->stop();
  pause(std::chrono::milliseconds(300));  // a poll after the last answers
  check_->judge_ready();
  SoakResults results;
  results.options = options_;
  results.start = start_;
  results.fault_seconds = ms_between(start_, faults_end_) / 1000;
  results.app_ids = cluster_->app_ids();
  results.tally = check_->tally();
  results.misroutes = check_->misroutes();
  results.steps = journal_.steps();
  results.haproxy_masters = watch_->masters_seen();
  results.haproxy_outages = watch_->outages();
  results.skylrd_deaths = journal_.skylrd_deaths();
  results.skips = journal_.skips();
  results.truth_polls = truth_->polls();
  results.truth_failed_polls = truth_->failed_polls();
  results.final_state = final_state.ms ? "" : final_state.not_recovered;
  auto windows = excused_windows(results.haproxy_outages, journal_.haproxy_kills(), service_changes(),
                                 Millis(options_.recovery_bound_ms));
  results.attribution = attribute(check_->failures(), windows);
  return results;
}

}  // namespace

int run_soak(const SoakOptions& options, const std::atomic<bool>& interrupted) {
  SoakRun run(options, interrupted);
  run.start();
  run.inject_faults();
  SoakResults results = run.finish();
  return print_report(results, stdout) ? 0 : 1;
}

}  // namespace skylr::soak
