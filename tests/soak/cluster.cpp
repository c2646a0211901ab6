#include "cluster.h"

#include <csignal>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "soak_time.h"

namespace skylr::soak {
namespace {

using testing::BackgroundProcess;

constexpr auto kStartTimeout = std::chrono::seconds(20);
// What the standby header says when the soak itself sends it.
constexpr const char* kOwner = "skylr-soak";

}  // namespace

std::string haproxy_pid_file(const testing::TempDir& dir) { return dir.path("haproxy.cfg.pid"); }

Cluster::Cluster(const testing::TempDir& dir, const ClusterSettings& settings)
    : dir_(dir), app_ids_(soak_app_ids(settings.apps)) {
  testing::write_file(dir_.path("apps.json"), sim_apps_json(app_ids_, settings.instances));
  primary_ = start_program({testing::marathon_sim_path(), "--port", "0", "--apps", dir_.path("apps.json"), "--launch",
                            "--stage-ms", std::to_string(settings.stage_ms), "--kill-grace-ms",
                            std::to_string(settings.kill_grace_ms)},
                           "primary", primary_port_);
  standby_ = start_program({testing::marathon_sim_path(), "--port", "0", "--standby-of",
                            fmt::format("127.0.0.1:{}", primary_port_)},
                           "standby", standby_port_);
  config_.marathon_hosts = {fmt::format("127.0.0.1:{}", primary_port_), fmt::format("127.0.0.1:{}", standby_port_)};
  config_.dir = dir_.path("");
  config_.dir.pop_back();  // path("") ends in '/'
  config_.haproxy_binary = testing::haproxy_path();
  for (const auto& app_id : app_ids_) {
    service_ports_.push_back(testing::free_port());
    config_.services.emplace_back(app_id, service_ports_.back());
  }
  write_config(0);
  start_skylrd();
}

Cluster::~Cluster() {
  if (skylrd_) skylrd_->stop(SIGTERM, std::chrono::seconds(10));
  if (standby_) standby_->stop(SIGTERM, std::chrono::seconds(5));
  if (primary_) primary_->stop(SIGTERM, std::chrono::seconds(5));
}

std::unique_ptr<BackgroundProcess> Cluster::start_program(const std::vector<std::string>& argv,
                                                          const std::string& name, int& port) {
  std::string base = dir_.path(fmt::format("{}-{}", name, ++starts_));
  auto process = std::make_unique<BackgroundProcess>(argv, base + ".out", base + ".err");
  port = testing::listening_port(process->first_line(kStartTimeout));
  if (name == "skylrd") skylrd_err_ = base + ".err";
  return process;
}

testing::HttpAnswer Cluster::marathon(const std::string& method, const std::string& target,
                                      const std::string& body) const {
  return testing::http_call(primary_port_, method, target, body, {{"X-Sim-Standby", kOwner}});
}

void Cluster::set_primary_leads(bool leads) {
  auto answer = testing::http_call(primary_port_, "POST", fmt::format("/_sim/leader?available={}", leads), "{}");
  if (answer.status != 200) throw std::runtime_error("POST /_sim/leader failed: " + answer.error + answer.body);
}

void Cluster::kill_standby() { standby_->stop(SIGKILL, std::chrono::seconds(5)); }

void Cluster::restart_standby() {
  int port = standby_port_;
  auto start = Clock::now();
  for (;;) {
    try {
      standby_ = start_program({testing::marathon_sim_path(), "--port", std::to_string(port), "--standby-of",
                                fmt::format("127.0.0.1:{}", primary_port_)},
                               "standby", standby_port_);
      return;
    } catch (const std::runtime_error&) {
      // The port may linger for a moment; anything longer is a harness failure.
      if (Clock::now() - start > std::chrono::seconds(5)) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
}

void Cluster::stop_skylrd(int signo) {
  if (!skylrd_->stop(signo, std::chrono::seconds(10))) skylrd_->stop(SIGKILL, std::chrono::seconds(5));
  skylrd_.reset();
}

void Cluster::start_skylrd() {
  int port = 0;
  skylrd_ = start_program({testing::skylrd_path(), "--config", dir_.path("skylr.json")}, "skylrd", port);
  skylrd_port_ = port;
}

std::optional<int> Cluster::skylrd_died() {
  if (!skylrd_) return std::nullopt;
  return skylrd_->exit_code();
}

void Cluster::write_config(int variant) {
  testing::write_file(dir_.path("skylr.json"), skylrd_config_json(config_, variant));
}

std::string Cluster::write_invalid_config(int which) {
  std::string what;
  testing::write_file(dir_.path("skylr.json"), invalid_config_text(config_, which, what));
  return what;
}

void Cluster::sighup_skylrd() {
  if (skylrd_) ::kill(skylrd_->pid(), SIGHUP);
}

void Cluster::check_invalid_configs() const {
  for (int which = 0; which < kInvalidConfigs; ++which) {
    std::string what;
    std::string path = dir_.path(fmt::format("invalid-{}.json", which));
    testing::write_file(path, invalid_config_text(config_, which, what));
    BackgroundProcess validate({testing::skylrctl_path(), "validate", "--config", path}, path + ".out", path + ".err");
    validate.stop(0, std::chrono::seconds(10));
    if (validate.exit_code().value_or(0) == 0) {
      throw std::runtime_error("skylrctl validate accepts the invalid config with " + what);
    }
  }
}

std::string Cluster::skylrd_log_tail(int lines) const {
  std::string text = testing::read_file(skylrd_err_);
  std::size_t at = text.size();
  for (int i = 0; i <= lines && at != std::string::npos && at > 0; ++i) at = text.rfind('\n', at - 1);
  return at == std::string::npos ? text : text.substr(at + 1);
}

void copy_logs(const testing::TempDir& dir, const std::string& to) {
  namespace fs = std::filesystem;
  fs::create_directories(to);
  for (const auto& entry : fs::directory_iterator(dir.path(""))) {
    auto name = entry.path().filename().string();
    bool wanted = name.ends_with(".err") || name.ends_with(".out") || name.ends_with(".json") ||
                  name.ends_with(".cfg");
    if (wanted && entry.is_regular_file()) {
      fs::copy_file(entry.path(), fs::path(to) / name, fs::copy_options::overwrite_existing);
    }
  }
}

}  // namespace skylr::soak
