#include "stack.h"

#include <signal.h>

#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "config_text.h"
#include "proc_table.h"
#include "report.h"
#include "sync_log.h"

namespace skylr::bench {

using testing::BackgroundProcess;
using testing::free_ports;
using testing::listening_port;
using testing::marathon_sim_path;
using testing::read_file;
using testing::skylrd_path;
using testing::write_file;
namespace {

// True when `pid` is a running haproxy (so a reused pid is never signalled).
bool is_haproxy(pid_t pid) { return testing::runs_as(pid, "haproxy"); }

}  // namespace

double metric_value(const std::string& text, const std::string& series) {
  bool every = series.ends_with('{');
  std::string wanted = every ? series : series + " ";
  double sum = 0;
  for (std::size_t at = text.find(wanted); at != std::string::npos; at = text.find(wanted, at + 1)) {
    if (at > 0 && text[at - 1] != '\n') continue;
    std::size_t value = text.find(' ', at + wanted.size() - 1);
    if (value == std::string::npos) break;
    sum += std::atof(text.c_str() + value + 1);
    if (!every) break;
  }
  return sum;
}

Stack::Stack(const StackOptions& options) : tracked_(options.tracked) {
  write_file(dir_.path("apps.json"), options.sim_apps);
  std::vector<std::string> sim_argv = {marathon_sim_path(), "--port", "0", "--apps", dir_.path("apps.json"),
                                       "--stage-ms", std::to_string(options.stage_ms)};
  if (options.launch) sim_argv.push_back("--launch");
  sim_ = std::make_unique<BackgroundProcess>(sim_argv, dir_.path("sim.out"), dir_.path("sim.err"));
  sim_port_ = listening_port(sim_->first_line(options.start_timeout));

  config_ = options.skylr;
  config_.marathon = fmt::format("127.0.0.1:{}", sim_port_);
  config_.dir = dir_.path("");
  config_.dir.pop_back();  // path("") ends in '/'
  config_.services.clear();
  std::vector<int> ports = free_ports(tracked_.size());
  for (std::size_t i = 0; i < tracked_.size(); ++i) {
    service_ports_[tracked_[i]] = ports[i];
    config_.services.emplace_back(tracked_[i], ports[i]);
  }
  write_file(dir_.path("skylr.json"), bench_config_json(config_));
  auto start = Clock::now();
  skylrd_ = std::make_unique<BackgroundProcess>(
      std::vector<std::string>{skylrd_path(), "--config", dir_.path("skylr.json"), "--stop-haproxy-on-exit"},
      dir_.path("skylrd.out"), dir_.path("skylrd.err"));
  skylrd_port_ = listening_port(skylrd_->first_line(options.start_timeout));
  double timeout_ms = std::chrono::duration<double, std::milli>(options.start_timeout).count();
  while (http_call(skylrd_port_, "GET", "/health").status != 200) {
    if (elapsed_ms(start) > timeout_ms) {
      throw std::runtime_error("skylrd never became healthy; its log:\n" + skylrd_log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  startup_ms_ = elapsed_ms(start);
}

Stack::~Stack() {
  if (skylrd_) skylrd_->stop(SIGTERM, std::chrono::seconds(10));
  stop_haproxy();
}

pid_t Stack::haproxy_master() const {
  pid_t pid = std::atoi(read_file(dir_.path("haproxy.cfg.pid")).c_str());
  return is_haproxy(pid) ? pid : 0;
}

std::vector<pid_t> Stack::haproxy_pids() const {
  pid_t master = haproxy_master();
  if (master == 0) return {};
  std::vector<pid_t> pids = {master};
  for (const testing::ProcEntry& entry : testing::processes_named("haproxy")) {
    if (entry.parent == master && entry.state != 'Z') pids.push_back(entry.pid);
  }
  return pids;
}

void Stack::stop_haproxy() {
  pid_t pid = haproxy_master();
  if (pid == 0) return;
  ::kill(pid, SIGTERM);
  auto start = Clock::now();
  while (is_haproxy(pid) && elapsed_ms(start) < 3000) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (is_haproxy(pid)) ::kill(pid, SIGKILL);
}

void Stack::scale(const std::string& app_id, int instances) {
  HttpAnswer answer = http_call(sim_port_, "PUT", "/v2/apps" + app_id + "?force=true",
                                fmt::format(R"({{"instances":{}}})", instances));
  if (answer.status != 200) {
    throw std::runtime_error(fmt::format("scaling {} failed: {} {}{}", app_id, answer.status, answer.body, answer.error));
  }
}

double Stack::metric(const std::string& series) const { return metric_value(metrics(), series); }

std::string Stack::metrics() const {
  HttpAnswer answer = http_call(skylrd_port_, "GET", "/metrics");
  if (answer.status != 200) throw std::runtime_error("GET /metrics failed: " + answer.error);
  return answer.body;
}

void Stack::change_config(int timeout_client_ms) {
  rewrite_config([timeout_client_ms](BenchConfig& config) { config.timeout_client_ms = timeout_client_ms; });
}

void Stack::rewrite_config(const std::function<void(BenchConfig&)>& edit) {
  edit(config_);
  write_file(dir_.path("skylr.json"), bench_config_json(config_));
  ::kill(skylrd_->pid(), SIGHUP);
}

std::map<std::string, std::vector<std::string>> Stack::routed_tasks() const {
  return testing::routed_by_skylrd(http_call(skylrd_port_, "GET", "/status").body);
}

std::map<std::string, std::vector<std::string>> Stack::expected_tasks() const {
  return testing::routable_in_marathon(http_call(sim_port_, "GET", "/v2/tasks").body, tracked_);
}

bool Stack::wait_idle(std::chrono::milliseconds quiet, std::chrono::milliseconds timeout) const {
  auto start = Clock::now();
  auto quiet_since = start;
  double last_started = -1;
  for (;;) {
    double started = metric("skylr_regenerations_total");
    bool finished = static_cast<double>(sync_lines(skylrd_log()).size()) >= started;
    if (!finished || started != last_started) quiet_since = Clock::now();
    last_started = started;
    if (elapsed_ms(quiet_since) >= static_cast<double>(quiet.count())) return true;
    if (elapsed_ms(start) > static_cast<double>(timeout.count())) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

bool Stack::wait_consistent(std::chrono::milliseconds timeout) const {
  auto start = Clock::now();
  while (routed_tasks() != expected_tasks()) {
    if (elapsed_ms(start) > static_cast<double>(timeout.count())) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace skylr::bench
