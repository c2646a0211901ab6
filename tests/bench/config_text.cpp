#include "config_text.h"

#include <fmt/format.h>

#include <iterator>

#include "processes.h"
#include "synthetic_apps.h"

namespace skylr::bench {

using testing::haproxy_path;

std::string bench_config_json(const BenchConfig& config) {
  fmt::memory_buffer services;
  for (const auto& [app_id, port] : config.services) {
    if (services.size() > 0) services.push_back(',');
    fmt::format_to(std::back_inserter(services), R"(
    "{}": {{"port": {}, "health": {{"check": "{}"}}}})",
                   app_id, port, config.health_check);
  }
  return fmt::format(R"({{
  "marathon_hosts": ["{0}"],
  "services": {{{1}
  }},
  "config_destination": "{2}/haproxy.cfg",
  "listen": "127.0.0.1:0",
  "haproxy": {{"binary": "{4}", "bind_address": "127.0.0.1", "timeout_client_ms": {5}, "drain_seconds": {6}}},
  "reload": {{"mode": "managed", "admin_socket": "{2}/admin.sock", "master_socket": "{2}/master.sock",
             "min_interval_ms": {7}, "resync_interval_s": {8}}},
  "events": {{"sse": {3}}}
}}
)",
                     config.marathon, fmt::to_string(services), config.dir, config.sse, haproxy_path(),
                     config.timeout_client_ms, config.drain_seconds, config.min_interval_ms,
                     config.resync_interval_s);
}

std::string every_app_config(int apps) {
  BenchConfig config{"127.0.0.1:8080", {}, "/nonexistent", true, "tcp", 50000};
  for (int index = 0; index < apps; ++index) config.services.emplace_back(synthetic_app_id(index), 10000 + index);
  return bench_config_json(config);
}

}  // namespace skylr::bench
