// The files the soak's programs read: marathon-sim's apps (--apps) and skylrd's config, in
// its good variants (which differ only in an option HAProxy takes with a reload) and its
// invalid ones (each refused by skylrd's validation, for the bad-SIGHUP fault).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace skylr::soak {

// The app ids of the soak: "/soak/app1" … "/soak/app<count>".
std::vector<std::string> soak_app_ids(int count);

// marathon-sim's --apps file: every app of `app_ids` with `instances` tasks serving HTTP on
// their first port and a Marathon health check (so that tasks can be failed).
std::string sim_apps_json(const std::vector<std::string>& app_ids, int instances);

// What skylrd's config says.
struct SkylrdConfig {
  std::vector<std::string> marathon_hosts;            // "127.0.0.1:PORT", tried in order
  std::vector<std::pair<std::string, int>> services;  // Marathon app id, HAProxy port
  std::string dir;                                    // config_destination, sockets
  std::string haproxy_binary;
};

// The config: services on 127.0.0.1, managed HAProxy with its files in `dir`, skylrd on
// 127.0.0.1:0, events followed by SSE; `variant` 0 or 1 sets haproxy.timeout_client_ms to
// 50000 or 50001 (a change HAProxy only takes with a reload).
std::string skylrd_config_json(const SkylrdConfig& config, int variant);

// How many invalid configs invalid_config_text() knows.
constexpr int kInvalidConfigs = 3;

// An invalid version of the config, by `which` (0 … kInvalidConfigs-1): a service port out
// of range, a misspelt top-level key, a file cut short. `what` gets its description.
std::string invalid_config_text(const SkylrdConfig& config, int which, std::string& what);

}  // namespace skylr::soak
