#include "discovery/port_labels.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "config/strings.h"
#include "discovery/label_lookup.h"
#include "discovery/setting_labels.h"
#include "util/host_check.h"

namespace skylr::discovery {

namespace {

// Whether the port takes part: its group is configured, and it is enabled.
PortVerdict membership(const DiscoveryConfig& discovery, PortLabels& labels, std::string& reason) {
  const std::string* group = labels.find("GROUP", /*app_wide=*/true);
  bool any = std::find(discovery.groups.begin(), discovery.groups.end(), "*") != discovery.groups.end();
  bool listed = group != nullptr &&
                std::find(discovery.groups.begin(), discovery.groups.end(), *group) != discovery.groups.end();
  if (!any && !listed) {
    reason = group == nullptr ? "no HAPROXY_GROUP or HAPROXY_{n}_GROUP label"
                              : fmt::format("group {} is not one of discovery.groups", util::quote_for_message(*group));
    return PortVerdict::kNotInGroup;
  }
  bool enabled = !discovery.strict;
  if (auto problem = read_bool(labels, "ENABLED", enabled)) {
    reason = *problem;
    return PortVerdict::kRefused;
  }
  if (!enabled) {
    reason = discovery.strict ? "strict mode publishes only ports labelled HAPROXY_{n}_ENABLED=true"
                              : "HAPROXY_{n}_ENABLED is false";
    return PortVerdict::kDisabled;
  }
  return PortVerdict::kPublished;
}

// The HAProxy check taken over from the app's first HTTP or TCP Marathon health check of
// this port; HTTPS checks become TCP connects.
void translate_health(const App& app, int index, HealthPolicy& health) {
  for (const AppHealthCheck& check : app.health_checks) {
    if (check.port || check.port_index != index) continue;
    bool http = check.protocol == "HTTP" || check.protocol == "MESOS_HTTP";
    bool tcp = check.protocol == "TCP" || check.protocol == "MESOS_TCP" || check.protocol == "HTTPS" ||
               check.protocol == "MESOS_HTTPS";
    if (!http && !tcp) continue;
    if (http && !config::check_http_path(check.path)) {
      health.check = HealthCheck::kHttp;
      health.http_path = check.path;
    }
    health.interval_s = std::max(1, check.interval_seconds);
    health.fall = check.max_consecutive_failures + 1;
    health.timeout_s = std::max(1, check.timeout_seconds);
    return;
  }
}

// Every label of the port into `service`; the first reason to refuse it, if any.
std::optional<std::string> read_settings(const App& app, int index, int service_port, const TlsConfig& tls,
                                         PortLabels& labels, ServiceConfig& service) {
  std::string refused = labels.refused();
  if (!refused.empty()) return refused;
  int port = 0;
  if (auto problem = read_int(labels, "PORT", 1, 65535, port)) return problem;
  for (auto read : {read_vhosts, read_paths, read_mode, read_balance, read_bind_addr}) {
    if (auto problem = read(labels, service)) return problem;
  }
  // A virtual host is reached through the shared frontend; it binds a port of its own
  // only when HAPROXY_{n}_PORT names one (10,000 vhosts must not mean 10,000 listeners).
  service.port = port > 0 ? port : (service.vhosts.empty() ? service_port : 0);
  translate_health(app, index, service.health);
  if (service.health.check == HealthCheck::kHttp) service.mode = ServiceMode::kHttp;
  if (auto problem = read_auth(labels, service)) return problem;
  service.route_weight = service.paths.empty() ? 0 : 1;
  if (auto problem = read_int(labels, "BACKEND_WEIGHT", -1000, 1000, service.route_weight)) return problem;
  if (auto problem = read_bool(labels, "STICKY", service.sticky)) return problem;
  if (auto problem = read_https(labels, tls, service)) return problem;
  if (service.port == 0 && service.vhosts.empty()) {
    return "no service port (portDefinitions, servicePort or HAPROXY_{n}_PORT) and no virtual host";
  }
  return std::nullopt;
}

}  // namespace

PortDiscovery read_port(const Config& config, const App& app, int index, int service_port) {
  PortDiscovery port;
  port.index = index;
  PortLabels labels(app, index);
  port.verdict = membership(config.discovery, labels, port.reason);
  if (port.verdict == PortVerdict::kPublished) {
    ServiceConfig service;
    service.name = discovered_service_name(app.id, index);
    service.app_id = app.id;
    service.port_index = index;
    service.origin = ServiceOrigin::kLabels;
    if (auto problem = read_settings(app, index, service_port, config.tls, labels, service)) {
      port.verdict = PortVerdict::kRefused;
      port.reason = std::move(*problem);
    } else {
      port.service = std::move(service);
    }
  }
  port.labels = labels.take_read();
  std::sort(port.labels.begin(), port.labels.end());
  return port;
}

}  // namespace skylr::discovery
