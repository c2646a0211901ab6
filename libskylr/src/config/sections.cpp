#include "config/sections.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <utility>

#include "config/host_port.h"
#include "config/strings.h"
#include "config/update_fields.h"

namespace skylr::config {

using util::JsonPath;
using util::ObjectReader;

using util::Choice;
using util::IntRange;
using util::Presence;
using util::Problems;
using util::accept_string;
using util::quote;
namespace {

constexpr std::string_view kHaproxyKeys[] = {
    "binary", "bind_address", "timeout_connect_ms", "timeout_client_ms",
    "timeout_server_ms", "timeout_tunnel_ms", "maxconn", "server_slots_min", "drain_seconds", "log"};
constexpr std::string_view kLogKeys[] = {"target", "facility", "level", "format"};
constexpr std::string_view kStatsKeys[] = {"port", "user", "password", "bind_address", "uri"};
constexpr std::string_view kReloadKeys[] = {"mode", "min_interval_ms", "resync_interval_s",
                                            "max_removed_share", "admin_socket", "master_socket"};
constexpr std::string_view kCredentialKeys[] = {"user", "password"};
constexpr std::string_view kMarathonTimeoutKeys[] = {"connect_ms", "first_byte_ms", "total_ms"};
constexpr std::string_view kEventsKeys[] = {"sse", "subscribe", "callback_url"};
constexpr std::string_view kJobUpdateKeys[] = {"tokens", "tokens_file", "fields", "method"};
constexpr std::string_view kTokenKeys[] = {"name", "token"};

constexpr IntRange kPortRange{1, 65535};
constexpr IntRange kPositive{1, INT_MAX};
constexpr IntRange kNonNegative{0, INT_MAX};
constexpr IntRange kSlotRange{0, 1024};
constexpr IntRange kDrainRange{0, 86400};
constexpr util::NumberRange kShare{0, 1};
constexpr std::string_view kBindAddress = "\"*\", an IP address or a host name";
constexpr std::string_view kLogTarget = "\"stdout\", \"stderr\", a Unix socket path or \"ip:port\"";

// The haproxy section's positive integers and where they go.
constexpr std::pair<std::string_view, int HaproxyConfig::*> kHaproxyLimits[] = {
    {"timeout_connect_ms", &HaproxyConfig::timeout_connect_ms},
    {"timeout_client_ms", &HaproxyConfig::timeout_client_ms},
    {"timeout_server_ms", &HaproxyConfig::timeout_server_ms},
    {"timeout_tunnel_ms", &HaproxyConfig::timeout_tunnel_ms},
    {"maxconn", &HaproxyConfig::maxconn}};

// The marathon_timeouts section's members and where they go.
constexpr std::pair<std::string_view, std::chrono::milliseconds MarathonTimeouts::*> kMarathonTimeouts[] = {
    {"connect_ms", &MarathonTimeouts::connect},
    {"first_byte_ms", &MarathonTimeouts::first_byte},
    {"total_ms", &MarathonTimeouts::total}};

constexpr Choice<ReloadMode> kReloadModes[] = {{"managed", ReloadMode::kManaged},
                                               {"external", ReloadMode::kExternal}};
constexpr Choice<bool> kMethods[] = {{"PUT", false}, {"PATCH", true}};
constexpr Choice<ProxyLogFormat> kLogFormats[] = {
    {"httplog", ProxyLogFormat::kHttplog}, {"clf", ProxyLogFormat::kClf}, {"tcplog", ProxyLogFormat::kTcplog}};

// The syslog facilities and levels HAProxy knows, spelt as it does.
constexpr std::string_view kFacilities[] = {
    "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "auth2", "ftp",
    "ntp", "audit", "alert", "cron2", "local0", "local1", "local2", "local3", "local4", "local5",
    "local6", "local7"};
constexpr std::string_view kLevels[] = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};

// The `haproxy.log` section of `haproxy`; off (no target) when absent.
HaproxyLogConfig read_haproxy_log(const ObjectReader& haproxy) {
  HaproxyLogConfig log;
  auto section = haproxy.object("log", kLogKeys);
  if (!section) return log;
  if (section->find("target", Presence::kRequired) != nullptr) {
    section->read_parsed("target", log.target, kLogTarget, parse_log_target);
  }
  section->read_choice("facility", log.facility, kFacilities);
  section->read_choice("level", log.level, kLevels);
  section->read_choice("format", log.format, kLogFormats);
  return log;
}

// One entry of `job_updates.tokens`, added to `tokens` unless invalid or a repeated name.
void read_token(const rapidjson::Value& value, const JsonPath& path, Problems& problems,
                std::vector<ApiToken>& tokens) {
  ObjectReader entry(value, path, kTokenKeys, problems);
  ApiToken token;
  entry.read("name", token.name, check_non_empty, Presence::kRequired);
  entry.read("token", token.secret, check_token_secret, Presence::kRequired);
  if (token.name.empty() || token.secret.empty()) return;
  bool repeated = std::any_of(tokens.begin(), tokens.end(),
                              [&](const ApiToken& earlier) { return earlier.name == token.name; });
  if (repeated) {
    std::string what = fmt::format("{} is already the name of an earlier token", quote(token.name));
    return problems.add(path.member("name"), what);
  }
  tokens.push_back(std::move(token));
}

}  // namespace

HaproxyConfig read_haproxy(const ObjectReader& root) {
  HaproxyConfig haproxy;
  auto section = root.object("haproxy", kHaproxyKeys);
  if (!section) return haproxy;
  section->read("binary", haproxy.binary, check_non_empty);
  section->read_parsed("bind_address", haproxy.bind_host, kBindAddress, parse_bind_host);
  for (const auto& [key, field] : kHaproxyLimits) section->read(key, haproxy.*field, kPositive);
  section->read("server_slots_min", haproxy.server_slots_min, kSlotRange);
  section->read("drain_seconds", haproxy.drain_seconds, kDrainRange);
  haproxy.log = read_haproxy_log(*section);
  return haproxy;
}

StatsConfig read_stats(const ObjectReader& root) {
  StatsConfig stats;
  auto section = root.object("stats", kStatsKeys);
  if (!section) return stats;
  stats.enabled = true;
  section->read("port", stats.port, kPortRange, Presence::kRequired);
  section->read("user", stats.user, check_haproxy_credential, Presence::kRequired);
  section->read("password", stats.password, check_haproxy_credential, Presence::kRequired);
  section->read_parsed("bind_address", stats.bind_host, kBindAddress, parse_bind_host);
  section->read("uri", stats.uri, check_http_path);
  return stats;
}

ReloadConfig read_reload(const ObjectReader& root, bool has_pid_file) {
  ReloadConfig reload;
  reload.mode = has_pid_file ? ReloadMode::kExternal : ReloadMode::kManaged;
  auto section = root.object("reload", kReloadKeys);
  if (!section) return reload;
  std::optional<ReloadMode> mode;
  section->read_choice("mode", mode, kReloadModes);
  reload.mode = mode.value_or(reload.mode);
  section->read("min_interval_ms", reload.min_interval_ms, kNonNegative);
  section->read("resync_interval_s", reload.resync_interval_s, kPositive);
  section->read("max_removed_share", reload.max_removed_share, kShare);
  section->read("admin_socket", reload.admin_socket, check_socket_path);
  section->read("master_socket", reload.master_socket, check_socket_path);
  return reload;
}

std::optional<MarathonCredentials> read_marathon_credentials(const ObjectReader& root) {
  auto section = root.object("marathon_credentials", kCredentialKeys);
  if (!section) return std::nullopt;
  MarathonCredentials credentials;
  section->read("user", credentials.user, check_basic_auth_user, Presence::kRequired);
  section->read("password", credentials.password, check_non_empty, Presence::kRequired);
  return credentials;
}

MarathonTimeouts read_marathon_timeouts(const ObjectReader& root) {
  MarathonTimeouts timeouts;
  auto section = root.object("marathon_timeouts", kMarathonTimeoutKeys);
  if (!section) return timeouts;
  for (const auto& [key, field] : kMarathonTimeouts) {
    int ms = static_cast<int>((timeouts.*field).count());
    section->read(key, ms, kPositive);
    timeouts.*field = std::chrono::milliseconds(ms);
  }
  return timeouts;
}

EventsConfig read_events(const ObjectReader& root) {
  EventsConfig events;
  auto section = root.object("events", kEventsKeys);
  if (!section) return events;
  section->read("sse", events.sse);
  section->read("subscribe", events.subscribe);
  section->read("callback_url", events.callback_url, check_http_url);
  return events;
}

JobUpdateConfig read_job_updates(const ObjectReader& root) {
  JobUpdateConfig updates;
  auto section = root.object("job_updates", kJobUpdateKeys);
  if (!section) return updates;
  Problems& problems = section->problems();
  section->for_each("tokens", Presence::kOptional, [&](const auto& value, const JsonPath& path) {
    read_token(value, path, problems, updates.tokens);
  });
  section->read("tokens_file", updates.tokens_file, check_non_empty);
  if (section->find("fields") != nullptr) updates.fields.clear();
  section->for_each("fields", Presence::kOptional, [&](const auto& value, const JsonPath& path) {
    if (auto field = accept_string(value, path, check_non_empty, problems)) {
      updates.fields.push_back(std::move(*field));
    }
  });
  if (Status known = check_update_fields(updates.fields); !known) problems.add(known.error());
  section->read_choice("method", updates.use_patch, kMethods);
  return updates;
}

}  // namespace skylr::config
