#include "discovery/port_labels.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string_view>

#include "config/strings.h"
#include "util/host_check.h"
#include "util/ip_address.h"

namespace skylr::discovery {

namespace {

// The per-port labels Skylr reads, as HAPROXY_{n}_<suffix>.
constexpr std::array<std::string_view, 14> kKnownSuffixes = {
    "PORT", "MODE", "VHOST", "PATH", "BALANCE", "STICKY", "REDIRECT_TO_HTTPS",
    "BIND_ADDR", "BACKEND_WEIGHT", "AUTH", "ENABLED", "GROUP", "SSL_CERT", "USE_HSTS"};

// Suffixes of marathon-lb's templates: labels whose value is HAProxy configuration text.
constexpr std::array<std::string_view, 6> kTemplateMarks = {"HEAD", "ACL", "OPTIONS", "GLUE", "REDIR", "ALLOW_DENY"};

constexpr std::array<std::string_view, 7> kBalances = {"roundrobin", "static-rr", "leastconn", "first",
                                                       "source", "random", "uri"};

// The labels of one port: lookups by suffix, each remembered for the explanation.
class PortLabels {
 public:
  PortLabels(const App& app, int index) : app_(app), prefix_(fmt::format("HAPROXY_{}_", index)) {}

  // The value of HAPROXY_{n}_<suffix>, or of HAPROXY_<suffix> when `app_wide` allows it.
  const std::string* find(std::string_view suffix, bool app_wide = false) {
    for (const std::string& key : {prefix_ + std::string(suffix), fmt::format("HAPROXY_{}", suffix)}) {
      auto found = app_.labels.find(key);
      if (found != app_.labels.end()) {
        read_.emplace_back(found->first, found->second);
        return &found->second;
      }
      if (!app_wide) break;
    }
    return nullptr;
  }

  // The first label of this port (or app-wide) Skylr refuses, with why; empty when none.
  std::string refused() const {
    for (const auto& [key, value] : app_.labels) {
      std::string_view suffix;
      if (key.starts_with(prefix_)) {
        suffix = std::string_view(key).substr(prefix_.size());
      } else if (key.starts_with("HAPROXY_") && !starts_with_digit(key.substr(8))) {
        suffix = std::string_view(key).substr(8);
        if (suffix == "GROUP" || suffix.starts_with("DEPLOYMENT_")) continue;
      } else {
        continue;
      }
      if (std::find(kKnownSuffixes.begin(), kKnownSuffixes.end(), suffix) != kKnownSuffixes.end()) continue;
      bool raw = std::any_of(kTemplateMarks.begin(), kTemplateMarks.end(),
                             [&](std::string_view mark) { return suffix.find(mark) != std::string_view::npos; });
      return fmt::format("label {}: {}", key,
                         raw ? "raw HAProxy text is refused (whoever deploys an app would write the load balancer's "
                               "configuration)"
                             : "not a label Skylr reads");
    }
    return {};
  }

  std::vector<std::pair<std::string, std::string>> take_read() { return std::move(read_); }
  const std::string& prefix() const { return prefix_; }

 private:
  static bool starts_with_digit(std::string_view text) {
    return !text.empty() && std::isdigit(static_cast<unsigned char>(text.front())) != 0;
  }

  const App& app_;
  std::string prefix_;
  std::vector<std::pair<std::string, std::string>> read_;
};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// "label <key>: <what>", the reason a port is refused.
std::string bad_label(const PortLabels& labels, std::string_view suffix, std::string_view what) {
  return fmt::format("label {}{}: {}", labels.prefix(), suffix, what);
}

// Reads "true"/"false" (any case) into `out`; the reason when it is neither.
std::optional<std::string> read_bool(PortLabels& labels, std::string_view suffix, bool& out) {
  const std::string* value = labels.find(suffix);
  if (value == nullptr) return std::nullopt;
  std::string text = lower(*value);
  if (text != "true" && text != "false") {
    return bad_label(labels, suffix, fmt::format("expected true or false, got {}", util::quote_for_message(*value)));
  }
  out = text == "true";
  return std::nullopt;
}

// Reads an integer in [low, high] into `out`; the reason when it is not one.
std::optional<std::string> read_int(PortLabels& labels, std::string_view suffix, int low, int high, int& out) {
  const std::string* value = labels.find(suffix);
  if (value == nullptr) return std::nullopt;
  int number = 0;
  auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), number);
  if (error != std::errc() || end != value->data() + value->size() || number < low || number > high) {
    return bad_label(labels, suffix,
                     fmt::format("expected an integer {}-{}, got {}", low, high, util::quote_for_message(*value)));
  }
  out = number;
  return std::nullopt;
}

// Splits `text` at any of `separators`, dropping empty pieces.
std::vector<std::string> split(std::string_view text, std::string_view separators) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of(separators, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) pieces.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return pieces;
}

// A virtual host as routing matches it: a host name, or "*." and a host name, lower case.
bool is_vhost(std::string_view host) {
  std::string_view name = host.starts_with("*.") ? host.substr(2) : host;
  return !name.empty() && name.find(':') == std::string_view::npos && util::is_valid_host(name) &&
         name.find('_') == std::string_view::npos;
}

std::optional<std::string> read_vhosts(PortLabels& labels, ServiceConfig& service) {
  const std::string* value = labels.find("VHOST");
  if (value == nullptr) return std::nullopt;
  for (std::string& host : split(*value, ", ")) {
    host = lower(host);
    if (!is_vhost(host)) {
      return bad_label(labels, "VHOST", fmt::format("{} is not a host name (or *. and a host name)",
                                                    util::quote_for_message(host)));
    }
    if (host.back() == '.') host.pop_back();
    service.vhosts.push_back(std::move(host));
  }
  if (service.vhosts.empty()) return bad_label(labels, "VHOST", "names no host");
  std::sort(service.vhosts.begin(), service.vhosts.end());
  service.vhosts.erase(std::unique(service.vhosts.begin(), service.vhosts.end()), service.vhosts.end());
  return std::nullopt;
}

std::optional<std::string> read_paths(PortLabels& labels, ServiceConfig& service) {
  const std::string* value = labels.find("PATH");
  if (value == nullptr) return std::nullopt;
  if (service.vhosts.empty()) return bad_label(labels, "PATH", "path routing needs a virtual host (HAPROXY_{n}_VHOST)");
  for (std::string& path : split(*value, " ")) {
    if (path.starts_with('-')) return bad_label(labels, "PATH", fmt::format("the flag {} is not supported", path));
    if (auto problem = config::check_http_path(path)) return bad_label(labels, "PATH", *problem);
    service.paths.push_back(std::move(path));
  }
  std::sort(service.paths.begin(), service.paths.end());
  service.paths.erase(std::unique(service.paths.begin(), service.paths.end()), service.paths.end());
  return std::nullopt;
}

std::optional<std::string> read_mode(PortLabels& labels, ServiceConfig& service) {
  service.mode = service.vhosts.empty() ? ServiceMode::kTcp : ServiceMode::kHttp;
  if (const std::string* value = labels.find("MODE")) {
    std::string mode = lower(*value);
    if (mode != "http" && mode != "tcp") {
      return bad_label(labels, "MODE", fmt::format("expected http or tcp, got {}", util::quote_for_message(*value)));
    }
    service.mode = mode == "http" ? ServiceMode::kHttp : ServiceMode::kTcp;
  }
  if (service.mode == ServiceMode::kTcp && !service.vhosts.empty()) {
    return bad_label(labels, "MODE", "tcp, but virtual hosts are routed by HTTP's Host header");
  }
  return std::nullopt;
}

std::optional<std::string> read_balance(PortLabels& labels, ServiceConfig& service) {
  const std::string* value = labels.find("BALANCE");
  if (value == nullptr) return std::nullopt;
  if (std::find(kBalances.begin(), kBalances.end(), *value) == kBalances.end()) {
    return bad_label(labels, "BALANCE",
                     fmt::format("expected one of {}, got {}", fmt::join(kBalances, ", "), util::quote_for_message(*value)));
  }
  service.balance = *value;
  return std::nullopt;
}

std::optional<std::string> read_bind_addr(PortLabels& labels, ServiceConfig& service) {
  const std::string* value = labels.find("BIND_ADDR");
  if (value == nullptr) return std::nullopt;
  service.bind_host = util::canonical_ip(*value);
  if (service.bind_host.empty()) {
    return bad_label(labels, "BIND_ADDR", fmt::format("{} is not an IP address", util::quote_for_message(*value)));
  }
  return std::nullopt;
}

// True for the characters of a crypt(3) hash: [A-Za-z0-9./$=+_-].
bool is_hash_char(char c) { return config::is_plain_name_char(c) || c == '/' || c == '$' || c == '=' || c == '+'; }

std::optional<std::string> read_auth(PortLabels& labels, ServiceConfig& service) {
  const std::string* value = labels.find("AUTH");
  if (value == nullptr) return std::nullopt;
  std::vector<std::string> parts = split(*value, ":");
  bool valid = parts.size() == 3 && value->find("::") == std::string::npos &&
               std::all_of(parts[0].begin(), parts[0].end(), config::is_plain_name_char) &&
               std::all_of(parts[1].begin(), parts[1].end(), config::is_plain_name_char) &&
               std::all_of(parts[2].begin(), parts[2].end(), is_hash_char);
  if (!valid) {
    return bad_label(labels, "AUTH",
                     "expected realm:user:hash (realm and user of [A-Za-z0-9._-], a crypt(3) hash)");
  }
  if (service.mode != ServiceMode::kHttp) return bad_label(labels, "AUTH", "basic auth needs HTTP mode");
  service.basic_auth = BasicAuth{parts[0], parts[1], parts[2]};
  return std::nullopt;
}

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
std::optional<std::string> read_settings(const App& app, int index, int service_port, PortLabels& labels,
                                         ServiceConfig& service) {
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
  if (auto problem = read_bool(labels, "REDIRECT_TO_HTTPS", service.redirect_to_https)) return problem;
  bool unused = false;
  if (auto problem = read_bool(labels, "USE_HSTS", unused)) return problem;
  labels.find("SSL_CERT");
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
    if (auto problem = read_settings(app, index, service_port, labels, service)) {
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
