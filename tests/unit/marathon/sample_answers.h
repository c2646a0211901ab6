// Test helpers for the Marathon parsers: apps and tasks as one line of text each, so that
// a parsed answer is checked against an expected text and a mismatch shows what differs.
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "skylr/marathon.h"

namespace skylr::test {

// "web.1 app=/web host=h ports=[31000] ips=[10.0.0.1/IPv4] state=TASK_RUNNING started
// health=[alive,dead]"; absent values are "-".
inline std::string describe(const Task& task) {
  std::vector<std::string> ips;
  for (const auto& ip : task.ip_addresses) ips.push_back(ip.address + "/" + ip.protocol);
  std::vector<std::string> health;
  for (bool alive : task.health_alive) health.emplace_back(alive ? "alive" : "dead");
  return fmt::format("{} app={} host={} ports=[{}] ips=[{}] state={} {} health=[{}]", task.id,
                     task.app_id.empty() ? "-" : task.app_id, task.host.empty() ? "-" : task.host,
                     fmt::join(task.ports, ","), fmt::join(ips, ","), task.state.value_or("-"),
                     task.started ? "started" : "not-started", fmt::join(health, ","));
}

inline const char* describe(Networking networking) {
  switch (networking) {
    case Networking::kHost:
      return "host";
    case Networking::kBridge:
      return "bridge";
    case Networking::kContainer:
      return "container";
  }
  return "?";
}

// "HTTP index=0 path=/ 60s/20s/3x" (interval, timeout, failures); "port=8080" instead of
// "index=0" for a fixed port.
inline std::string describe(const AppHealthCheck& check) {
  std::string port = check.port ? fmt::format("port={}", *check.port) : fmt::format("index={}", check.port_index);
  return fmt::format("{} {} path={} {}s/{}s/{}x", check.protocol, port, check.path, check.interval_seconds,
                     check.timeout_seconds, check.max_consecutive_failures);
}

// "/web instances=2 host container_ports=[] labels={a=b}", then " service_ports=[10000]"
// and " checks=[<check>; ...]" when the app has any, and one indented line per task;
// "/web malformed: <why>" for a malformed app.
inline std::string describe(const App& app) {
  if (!app.malformed.empty()) return fmt::format("{} malformed: {}\n", app.id, app.malformed);
  std::vector<std::string> labels;
  for (const auto& [key, value] : app.labels) labels.push_back(key + "=" + value);
  std::string text = fmt::format("{} instances={} {} container_ports=[{}] labels={{{}}}", app.id, app.instances,
                                 describe(app.networking), fmt::join(app.container_ports, ","),
                                 fmt::join(labels, ","));
  if (!app.service_ports.empty()) text += fmt::format(" service_ports=[{}]", fmt::join(app.service_ports, ","));
  std::vector<std::string> checks;
  for (const auto& check : app.health_checks) checks.push_back(describe(check));
  if (!checks.empty()) text += fmt::format(" checks=[{}]", fmt::join(checks, "; "));
  text += "\n";
  for (const auto& task : app.tasks) text += "  " + describe(task) + "\n";
  return text;
}

// All apps, one after another.
inline std::string describe(const std::vector<App>& apps) {
  std::string text;
  for (const auto& app : apps) text += describe(app);
  return text;
}

// The content of tests/data/marathon/<name>.
inline std::string read_marathon_data(const std::string& name) {
  std::ifstream in(std::string(SKYLR_TEST_DATA_DIR) + "/marathon/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace skylr::test
