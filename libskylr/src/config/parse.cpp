// parse_config: the top-level walk over a config file; sections and services are read by
// the config_* units it calls, then cross-field checks run over the result.
#include <utility>
#include <vector>

#include "config/checks.h"
#include "config/discovery.h"
#include "config/endpoint.h"
#include "config/host_port.h"
#include "config/sections.h"
#include "config/service.h"
#include "config/strings.h"
#include "config/tls.h"
#include "skylr/config.h"
#include "util/json_read.h"
#include "util/object_reader.h"

namespace skylr {

using util::ObjectReader;

using config::check_config;
using config::check_non_empty;
using config::parse_marathon_endpoint;
using config::read_discovery;
using config::read_events;
using config::read_haproxy;
using config::read_job_updates;
using config::read_marathon_credentials;
using config::read_marathon_timeouts;
using config::read_reload;
using config::read_services;
using config::read_stats;
using config::read_tls;
using util::JsonPath;
using util::Presence;
using util::Problems;
using util::accept_string;
using util::parse_json;
using util::unparsed_message;
namespace {

constexpr std::string_view kTopLevelKeys[] = {
    "marathon_hosts", "services", "config_destination", "users_config_destination",
    "pid_file", "listen", "marathon_credentials", "marathon_timeouts", "haproxy", "stats",
    "reload", "events", "job_updates", "discovery", "tls"};
constexpr std::string_view kMarathonHost = "\"host:port\" or an http(s) URL";
constexpr std::string_view kListenAddress = "\"host:port\"";

void read_marathon_host(const rapidjson::Value& value, const JsonPath& path, Problems& problems,
                        std::vector<MarathonEndpoint>& hosts) {
  std::optional<std::string> text = accept_string(value, path, nullptr, problems);
  if (!text) return;
  Result<MarathonEndpoint> endpoint = parse_marathon_endpoint(*text);
  if (!endpoint.ok()) {
    return problems.add(path, unparsed_message(kMarathonHost, *text, endpoint.error()));
  }
  hosts.push_back(std::move(*endpoint));
}

void read_marathon_hosts(const ObjectReader& root, std::vector<MarathonEndpoint>& hosts) {
  Problems& problems = root.problems();
  auto count = root.for_each("marathon_hosts", Presence::kRequired,
                             [&](const rapidjson::Value& value, const JsonPath& path) {
                               read_marathon_host(value, path, problems, hosts);
                             });
  if (count == std::size_t{0}) {
    problems.add(root.path().member("marathon_hosts"), "expected at least one host");
  }
}

void read_files(const ObjectReader& root, Config& config) {
  root.read("config_destination", config.config_destination, check_non_empty, Presence::kRequired);
  root.read("users_config_destination", config.users_config_destination, check_non_empty);
  root.read("pid_file", config.pid_file, check_non_empty);
}

}  // namespace

Result<Config> parse_config(std::string_view text) {
  Result<rapidjson::Document> document = parse_json(text, "config", /*allow_comments=*/true);
  if (!document.ok()) return document.error();
  Problems problems;
  ObjectReader root(*document, JsonPath(), kTopLevelKeys, problems);
  Config config;
  read_marathon_hosts(root, config.marathon_hosts);
  read_services(root, config.services);
  read_files(root, config);
  root.read_parsed("listen", config.listen, kListenAddress, parse_listen_address);
  config.marathon_credentials = read_marathon_credentials(root);
  config.marathon_timeouts = read_marathon_timeouts(root);
  config.haproxy = read_haproxy(root);
  config.stats = read_stats(root);
  config.reload = read_reload(root, !config.pid_file.empty());
  config.events = read_events(root);
  config.job_updates = read_job_updates(root);
  config.discovery = read_discovery(root, config.config_destination);
  config.tls = read_tls(root, config.config_destination);
  check_config(config, problems);
  if (!problems.empty()) return problems.error();
  return config;
}

}  // namespace skylr
