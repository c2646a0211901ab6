#include "stack.h"

#include <signal.h>

#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "config_text.h"
#include "report.h"

namespace skylr::bench {

using testing::BackgroundProcess;
using testing::free_port;
using testing::listening_port;
using testing::marathon_sim_path;
using testing::read_file;
using testing::skylrd_path;
using testing::write_file;
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(20);

// True when `pid` is a running haproxy (so a reused pid is never signalled).
bool is_haproxy(pid_t pid) { return pid > 0 && read_file(fmt::format("/proc/{}/comm", pid)) == "haproxy\n"; }

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
  sim_port_ = listening_port(sim_->first_line(kStartTimeout));

  config_ = BenchConfig{fmt::format("127.0.0.1:{}", sim_port_), {}, dir_.path(""), options.sse, "tcp", 50000};
  config_.dir.pop_back();  // path("") ends in '/'
  for (const std::string& app_id : tracked_) {
    service_ports_[app_id] = free_port();
    config_.services.emplace_back(app_id, service_ports_[app_id]);
  }
  write_file(dir_.path("skylr.json"), bench_config_json(config_));
  skylrd_ = std::make_unique<BackgroundProcess>(
      std::vector<std::string>{skylrd_path(), "--config", dir_.path("skylr.json"), "--stop-haproxy-on-exit"},
      dir_.path("skylrd.out"), dir_.path("skylrd.err"));
  skylrd_port_ = listening_port(skylrd_->first_line(kStartTimeout));
  auto start = Clock::now();
  while (http_call(skylrd_port_, "GET", "/health").status != 200) {
    if (elapsed_ms(start) > std::chrono::duration<double, std::milli>(kStartTimeout).count()) {
      throw std::runtime_error("skylrd never became healthy; its log:\n" + skylrd_log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

Stack::~Stack() {
  if (skylrd_) skylrd_->stop(SIGTERM, std::chrono::seconds(10));
  stop_haproxy();
}

void Stack::stop_haproxy() {
  pid_t pid = std::atoi(read_file(dir_.path("haproxy.cfg.pid")).c_str());
  if (!is_haproxy(pid)) return;
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

double Stack::metric(const std::string& series) const {
  HttpAnswer answer = http_call(skylrd_port_, "GET", "/metrics");
  if (answer.status != 200) throw std::runtime_error("GET /metrics failed: " + answer.error);
  return metric_value(answer.body, series);
}

void Stack::change_config(int timeout_client_ms) {
  config_.timeout_client_ms = timeout_client_ms;
  write_file(dir_.path("skylr.json"), bench_config_json(config_));
  ::kill(skylrd_->pid(), SIGHUP);
}

std::map<std::string, std::vector<std::string>> Stack::routed_tasks() const {
  return testing::routed_by_skylrd(http_call(skylrd_port_, "GET", "/status").body);
}

std::map<std::string, std::vector<std::string>> Stack::expected_tasks() const {
  return testing::routable_in_marathon(http_call(sim_port_, "GET", "/v2/tasks").body, tracked_);
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
