#include "config/service.h"

#include <fmt/format.h>

#include <algorithm>

#include "config/strings.h"

namespace skylr::config {

using util::ObjectReader;

using util::Choice;
using util::IntRange;
using util::Presence;
using util::quote;
namespace {

constexpr std::string_view kServiceKeys[] = {"port", "backend_port", "port_index",        "authConf",    "mode",
                                             "health", "tls",         "https_port",        "hsts_max_age", "redirect_to_https"};
constexpr std::string_view kHealthKeys[] = {"check", "path", "marathon_results"};
constexpr std::string_view kAppIdRule =
    "(segments of letters, digits, '.', '_' and '-' separated by '/')";
constexpr IntRange kPortRange{1, 65535};
constexpr IntRange kPortIndexRange{0, 255};
constexpr IntRange kMaxAgeRange{0, 63072000};
constexpr Choice<ServiceMode> kModes[] = {{"http", ServiceMode::kHttp}, {"tcp", ServiceMode::kTcp}};
constexpr Choice<HealthCheck> kChecks[] = {
    {"tcp", HealthCheck::kTcp}, {"http", HealthCheck::kHttp}, {"none", HealthCheck::kNone}};
constexpr Choice<bool> kMarathonResults[] = {{"respect", true}, {"ignore", false}};

bool is_app_id_segment(std::string_view segment) {
  return !segment.empty() && segment != "." && segment != ".." &&
         std::all_of(segment.begin(), segment.end(), is_plain_name_char);
}

HealthPolicy read_health(const ObjectReader& service) {
  HealthPolicy health;
  if (auto reader = service.object("health", kHealthKeys)) {
    reader->read_choice("check", health.check, kChecks);
    reader->read("path", health.http_path, check_http_path);
    reader->read_choice("marathon_results", health.respect_marathon, kMarathonResults);
  }
  return health;
}

// The HTTPS keys' needs: a TLS port (`tls` or `https_port`), HTTP mode for HSTS and the
// redirect, and an https_port (plain requests reach `port`) to redirect to.
void check_https(const ObjectReader& service, const ServiceConfig& config) {
  util::Problems& problems = service.problems();
  bool http = config.mode == ServiceMode::kHttp;
  if (config.hsts_max_age > 0 && (!http || (!config.tls && config.https_port == 0))) {
    problems.add(service.path().member("hsts_max_age"),
                 "HSTS needs \"mode\": \"http\" and a TLS port (\"tls\": true or \"https_port\")");
  }
  if (config.redirect_to_https && (!http || config.tls || config.https_port == 0)) {
    problems.add(service.path().member("redirect_to_https"),
                 "needs \"mode\": \"http\", a plain \"port\" and an \"https_port\" to send requests to");
  }
  if (config.https_port > 0 && config.https_port == config.port) {
    problems.add(service.path().member("https_port"), "must differ from the service's port");
  }
}

ServiceConfig read_service(const ObjectReader& service) {
  ServiceConfig config;
  service.read("port", config.port, kPortRange, Presence::kRequired);
  service.read("backend_port", config.backend_port, kPortRange);
  service.read("port_index", config.port_index, kPortIndexRange);
  service.read("authConf", config.auth_conf, check_userlist_name);
  service.read_choice("mode", config.mode, kModes);
  config.health = read_health(service);
  service.read("tls", config.tls);
  service.read("https_port", config.https_port, kPortRange);
  service.read("hsts_max_age", config.hsts_max_age, kMaxAgeRange);
  service.read("redirect_to_https", config.redirect_to_https);
  check_https(service, config);
  if (config.auth_conf && config.mode == ServiceMode::kTcp) {
    service.problems().add(service.path().member("authConf"),
                           "basic auth needs \"mode\": \"http\", but the mode is \"tcp\"");
  }

  return config;
}

}  // namespace

std::optional<std::string> app_id_for_key(std::string_view key) {
  std::string_view rest = key.starts_with('/') ? key.substr(1) : key;
  std::string_view remaining = rest;
  while (true) {
    std::size_t slash = remaining.find('/');
    if (!is_app_id_segment(remaining.substr(0, slash))) return std::nullopt;
    if (slash == std::string_view::npos) break;
    remaining.remove_prefix(slash + 1);
  }
  std::string app_id(1, '/');
  return app_id.append(rest);
}

void read_services(const ObjectReader& root, std::map<std::string, ServiceConfig>& services) {
  auto section = root.object("services", {}, Presence::kRequired);
  if (!section || !section->valid()) return;
  for (const auto& member : section->value().GetObject()) {
    std::string_view name(member.name.GetString(), member.name.GetStringLength());
    std::optional<std::string> app_id = app_id_for_key(name);
    if (!app_id) {
      std::string what = fmt::format("{} is not a Marathon app id {}", quote(name), kAppIdRule);
      section->problems().add(section->path(), what);
      continue;
    }
    ObjectReader entry(member.value, section->path().member(name), kServiceKeys,
                       section->problems());
    ServiceConfig service = read_service(entry);
    service.name = std::string(name);
    service.app_id = std::move(*app_id);
    services.emplace(service.name, std::move(service));
  }
}

}  // namespace skylr::config

namespace skylr {

std::string proxy_name(const ServiceConfig& service) {
  std::string_view name = service.name;
  if (name.starts_with('/')) name.remove_prefix(1);
  std::string result(name);
  auto replaced = [](char c) { return !config::is_plain_name_char(c); };
  std::replace_if(result.begin(), result.end(), replaced, '_');
  return result;
}

}  // namespace skylr
