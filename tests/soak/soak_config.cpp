#include "soak_config.h"

#include <fmt/format.h>
#include <fmt/ranges.h>


namespace skylr::soak {
namespace {

// The "services" object's members.
std::string services_json(const std::vector<std::pair<std::string, int>>& services, int first_port) {
  std::vector<std::string> members;
  for (const auto& [app_id, port] : services) {
    int shown = members.empty() && first_port != 0 ? first_port : port;
    members.push_back(fmt::format(R"(    "{}": {{"port": {}}})", app_id, shown));
  }
  return fmt::format("{}", fmt::join(members, ",\n"));
}

// The config text with the first service's port `first_port` (0: its own) and `extra`
// top-level members.
std::string config_text(const SkylrdConfig& config, int variant, int first_port, const std::string& extra) {
  std::vector<std::string> hosts;
  for (const auto& host : config.marathon_hosts) hosts.push_back(fmt::format(R"("{}")", host));
  return fmt::format(R"({{
  "marathon_hosts": [{hosts}],
  "services": {{
{services}
  }},
  "config_destination": "{dir}/haproxy.cfg",
  "listen": "127.0.0.1:0",
  "haproxy": {{"binary": "{binary}", "bind_address": "127.0.0.1", "timeout_client_ms": {timeout}}},
  "reload": {{"mode": "managed", "admin_socket": "{dir}/admin.sock", "master_socket": "{dir}/master.sock"}},{extra}
  "events": {{"sse": true}}
}}
)",
                     fmt::arg("hosts", fmt::join(hosts, ", ")),
                     fmt::arg("services", services_json(config.services, first_port)), fmt::arg("dir", config.dir),
                     fmt::arg("binary", config.haproxy_binary), fmt::arg("timeout", 50000 + variant % 2),
                     fmt::arg("extra", extra));
}

}  // namespace

std::vector<std::string> soak_app_ids(int count) {
  std::vector<std::string> ids;
  for (int i = 1; i <= count; ++i) ids.push_back(fmt::format("/soak/app{}", i));
  return ids;
}

std::string sim_apps_json(const std::vector<std::string>& app_ids, int instances) {
  std::vector<std::string> apps;
  for (const auto& id : app_ids) {
    apps.push_back(fmt::format(
        R"(    {{"id": "{}", "cmd": "serve", "instances": {}, "portDefinitions": [{{"port": 0, "protocol": "tcp", "name": "http"}}],
     "healthChecks": [{{"protocol": "HTTP", "path": "/", "portIndex": 0, "intervalSeconds": 5, "maxConsecutiveFailures": 3}}]}})",
        id, instances));
  }
  return fmt::format("{{\"apps\": [\n{}\n]}}\n", fmt::join(apps, ",\n"));
}

std::string skylrd_config_json(const SkylrdConfig& config, int variant) { return config_text(config, variant, 0, ""); }

std::string invalid_config_text(const SkylrdConfig& config, int which, std::string& what) {
  switch (which % kInvalidConfigs) {
    case 0:
      what = "a service port out of range";
      return config_text(config, 0, 70000, "");
    case 1:
      what = "a misspelt key";
      return config_text(config, 0, 0, "\n  \"servcies\": {},");
    default: {
      what = "a file cut short";
      std::string text = skylrd_config_json(config, 0);
      return text.substr(0, text.size() / 2);
    }
  }
}

}  // namespace skylr::soak
