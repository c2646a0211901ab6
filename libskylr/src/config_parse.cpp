// parse_config: the top-level walk over a config file; sections and services are read by
// the config_* units it calls, then cross-field checks run over the result.
#include <utility>
#include <vector>

#include "config_checks.h"
#include "config_host_port.h"
#include "config_reader.h"
#include "config_sections.h"
#include "config_service.h"
#include "config_strings.h"
#include "json_read.h"
#include "skylr/marathon_endpoint.h"
#include "skylr/config.h"

namespace skylr {
namespace {

constexpr std::string_view kTopLevelKeys[] = {
    "marathon_hosts", "services", "config_destination", "users_config_destination",
    "pid_file", "listen", "marathon_credentials", "haproxy", "stats", "reload", "events",
    "job_updates"};
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
  config.haproxy = read_haproxy(root);
  config.stats = read_stats(root);
  config.reload = read_reload(root, !config.pid_file.empty());
  config.events = read_events(root);
  config.job_updates = read_job_updates(root);
  check_config(config, problems);
  if (!problems.empty()) return problems.error();
  return config;
}

}  // namespace skylr
