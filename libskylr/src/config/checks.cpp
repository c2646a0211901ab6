#include "config/checks.h"

#include <algorithm>

#include <fmt/format.h>

#include <map>
#include <string>
#include <vector>

namespace skylr::config {

using util::JsonPath;

using util::Problems;
using util::quote;
namespace {

using Services = std::vector<const ServiceConfig*>;

// A service's value that no other service may share, formatted for messages; "" for none.
using UniqueKey = std::string (*)(const ServiceConfig&);

std::string port_key(const ServiceConfig& service) {
  return service.port > 0 ? std::to_string(service.port) : "";
}
std::string app_id_key(const ServiceConfig& service) { return quote(service.app_id); }
std::string proxy_key(const ServiceConfig& service) { return quote(proxy_name(service)); }

// Reports each service whose key an earlier one already has, at services.<name>[.field];
// returns the services not reported.
Services check_unique(const Services& services, UniqueKey key, std::string_view label,
                      std::string_view field, Problems& problems) {
  JsonPath root;
  JsonPath services_path = root.member("services");
  std::map<std::string, const ServiceConfig*> first;
  Services unique;
  for (const ServiceConfig* service : services) {
    std::string value = key(*service);
    auto [earlier, inserted] = first.emplace(value, service);
    if (inserted || value.empty()) {
      unique.push_back(service);
      continue;
    }
    JsonPath path = services_path.member(service->name);
    std::string what = fmt::format("{}{} is already used by service {}", label, value,
                                   quote(earlier->second->name));
    problems.add(field.empty() ? path : path.member(field), what);
  }
  return unique;
}

// The ports Skylr's own listeners take besides the services', each with what it is and
// where it is configured.
struct ReservedPort {
  int port;
  std::string_view what;
  std::string_view section;  // empty: the key is top-level
  std::string_view key;
};

std::vector<ReservedPort> reserved_ports(const Config& config) {
  std::vector<ReservedPort> reserved = {{config.listen.port, "skylrd's listen port", "", "listen"}};
  if (config.stats.enabled) reserved.push_back({config.stats.port, "the stats port", "stats", "port"});
  if (config.discovery.enabled) {
    reserved.push_back(
        {config.discovery.http_port, "the shared HTTP port (discovery.http_port)", "discovery", "http_port"});
  }
  if (config.tls.enabled && config.discovery.enabled) {
    reserved.push_back({config.tls.https_port, "the shared HTTPS port (tls.https_port)", "tls", "https_port"});
  }
  return reserved;
}

// Service ports that one of Skylr's own listeners takes, and those listeners' ports that an
// earlier one takes.
void check_reserved_ports(const Config& config, Problems& problems) {
  JsonPath root;
  JsonPath services_path = root.member("services");
  std::vector<ReservedPort> reserved = reserved_ports(config);
  for (const auto& [name, service] : config.services) {
    if (service.port == 0) continue;  // unreadable, already reported
    auto taken = std::find_if(reserved.begin(), reserved.end(),
                              [&](const ReservedPort& own) { return own.port == service.port; });
    if (taken == reserved.end()) continue;
    JsonPath service_path = services_path.member(name);
    problems.add(service_path.member("port"), fmt::format("{} is {}", service.port, taken->what));
  }
  for (auto own = reserved.begin(); own != reserved.end(); ++own) {
    auto earlier = std::find_if(reserved.begin(), own, [&](const ReservedPort& other) { return other.port == own->port; });
    if (earlier == own) continue;
    JsonPath section = root.member(own->section);
    JsonPath key = own->section.empty() ? root.member(own->key) : section.member(own->key);
    problems.add(key, fmt::format("{} is {}", own->port, earlier->what));
  }
}

// Services' https_port that another service's port or https_port, or one of Skylr's own
// listeners, already takes.
void check_https_ports(const Config& config, Problems& problems) {
  JsonPath root;
  JsonPath services_path = root.member("services");
  std::map<int, std::string> taken;  // port -> what has it
  for (const auto& [name, service] : config.services) {
    if (service.port > 0) taken.emplace(service.port, fmt::format("service {}", quote(name)));
  }
  for (const ReservedPort& own : reserved_ports(config)) taken.emplace(own.port, std::string(own.what));
  for (const auto& [name, service] : config.services) {
    if (service.https_port == 0) continue;
    auto [earlier, inserted] = taken.emplace(service.https_port, fmt::format("service {}", quote(name)));
    if (inserted || earlier->second == fmt::format("service {}", quote(name))) continue;
    JsonPath service_path = services_path.member(name);
    problems.add(service_path.member("https_port"), fmt::format("{} is already used by {}", service.https_port, earlier->second));
  }
}

// Keys another key's value makes required.
void check_required_by(const Config& config, Problems& problems) {
  JsonPath root;
  if (config.reload.mode == ReloadMode::kExternal && config.pid_file.empty()) {
    problems.add(root.member("pid_file"), "required when reload.mode is \"external\"");
  }
  if (config.events.subscribe && config.events.callback_url.empty()) {
    JsonPath events = root.member("events");
    problems.add(events.member("callback_url"), "required when events.subscribe is true");
  }
  JsonPath services_path = root.member("services");
  for (const auto& [name, service] : config.services) {
    JsonPath service_path = services_path.member(name);
    if (service.tls && !config.tls.enabled) {
      problems.add(service_path.member("tls"), "needs the \"tls\" section (its certificates)");
    }
    if (service.https_port > 0 && !config.tls.enabled) {
      problems.add(service_path.member("https_port"), "needs the \"tls\" section (its certificates)");
    }
  }
  bool needs_users = std::any_of(config.services.begin(), config.services.end(),
                                 [](const auto& entry) { return entry.second.auth_conf.has_value(); });
  if (needs_users && config.users_config_destination.empty()) {
    problems.add(root.member("users_config_destination"),
                 "required when a service has authConf (it defines the userlists)");
  }
}

}  // namespace

void check_config(const Config& config, Problems& problems) {
  Services services;
  for (const auto& entry : config.services) services.push_back(&entry.second);
  check_unique(services, port_key, "", "port", problems);
  Services distinct_ids = check_unique(services, app_id_key, "app id ", "", problems);
  check_unique(distinct_ids, proxy_key, "proxy name ", "", problems);
  check_reserved_ports(config, problems);
  check_https_ports(config, problems);
  check_required_by(config, problems);
}

}  // namespace skylr::config
