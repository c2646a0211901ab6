#include "skylr/config.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace skylr {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Config load(const std::string& path) {
  Result<Config> config = parse_config(read_text(path));
  REQUIRE_MESSAGE(config.ok(), (config.ok() ? "" : config.error().message));
  return std::move(config).value();
}

std::vector<std::string> origins(const Config& config) {
  std::vector<std::string> out;
  for (const auto& host : config.marathon_hosts) out.push_back(host.origin());
  return out;
}

const std::string kConfigs = SKYLR_TEST_DATA_DIR "/configs/";

}  // namespace

TEST_CASE("skylr::parse_config") {
  SUBCASE("original format: one host, authConf and backend_port") {
    Config config = load(kConfigs + "original-one-host.json");
    CHECK(origins(config) == std::vector<std::string>{"http://mesos-master.lab.example:8080"});
    REQUIRE(config.services.size() == 3);
    const ServiceConfig& portal = config.services.at("portal");
    CHECK(portal.name == "portal");
    CHECK(portal.app_id == "/portal");
    CHECK(portal.port == 5000);
    CHECK(portal.auth_conf == "lab_users");
    CHECK(portal.backend_port == std::nullopt);
    CHECK(config.services.at("api").backend_port == 9090);
    CHECK(config.services.at("api").auth_conf == std::nullopt);
    CHECK(config.services.at("scheduler").port == 5002);
    CHECK(config.config_destination == "/etc/haproxy/skylr.cfg");
    CHECK(config.users_config_destination == "/etc/haproxy/lab_users.cfg");
    CHECK(config.pid_file == "/var/run/haproxy-lab.pid");
  }
  SUBCASE("original format: several hosts, all used in order") {
    Config config = load(kConfigs + "original-three-hosts.json");
    CHECK(origins(config) == std::vector<std::string>{"http://zk-a.cluster.internal:8080",
                                                      "http://zk-b.cluster.internal:8080",
                                                      "http://zk-c.cluster.internal:8081"});
    std::vector<std::string> names;
    for (const auto& [name, service] : config.services) names.push_back(name);
    CHECK(names == std::vector<std::string>{"metrics", "notebooks", "search", "wiki"});
    CHECK(config.services.at("metrics").auth_conf == "ops");
    CHECK(config.services.at("search").backend_port == 9200);
  }
  SUBCASE("original format: group ids with and without the leading '/'") {
    Config config = load(kConfigs + "original-local.json");
    CHECK(config.services.at("/dev/frontend").app_id == "/dev/frontend");
    CHECK(config.services.at("dev/backend").app_id == "/dev/backend");
    CHECK(config.services.at("dev/backend").backend_port == 6101);
    CHECK(config.pid_file == "/tmp/skylr-dev-haproxy.pid");
  }
  SUBCASE("original format: everything else takes its default") {
    Config config = load(kConfigs + "original-one-host.json");
    CHECK(config.listen.host == "0.0.0.0");
    CHECK(config.listen.port == 3030);
    CHECK(config.reload.mode == ReloadMode::kExternal);  // pid_file and no reload.mode
    CHECK(config.reload.min_interval_ms == 250);
    CHECK(config.reload.resync_interval_s == 300);
    CHECK(config.reload.max_removed_share == 0.5);
    CHECK_FALSE(config.stats.enabled);
    CHECK_FALSE(config.marathon_credentials.has_value());
    CHECK(config.marathon_timeouts.connect == std::chrono::milliseconds(2000));
    CHECK(config.marathon_timeouts.first_byte == std::chrono::milliseconds(10000));
    CHECK(config.marathon_timeouts.total == std::chrono::milliseconds(30000));
    CHECK(config.events.sse);
    CHECK_FALSE(config.events.subscribe);
    CHECK(config.job_updates.tokens.empty());
    CHECK(config.job_updates.fields == std::vector<std::string>{"instances", "cpus", "mem"});
    CHECK_FALSE(config.job_updates.use_patch);
    CHECK(config.haproxy.binary == "/usr/sbin/haproxy");
    CHECK(config.haproxy.bind_host == "*");
    CHECK(config.haproxy.timeout_tunnel_ms == 3600000);
    CHECK(config.haproxy.server_slots_min == 0);
    CHECK(config.haproxy.drain_seconds == 30);
    CHECK_FALSE(config.haproxy.log.enabled());
    const ServiceConfig& api = config.services.at("api");
    CHECK(api.mode == ServiceMode::kHttp);
    CHECK(api.port_index == 0);
    CHECK(api.health.check == HealthCheck::kTcp);
    CHECK(api.health.http_path == "/");
    CHECK(api.health.respect_marathon);
  }
  SUBCASE("without pid_file the reload mode is managed") {
    Result<Config> config = parse_config(
        R"({"marathon_hosts": ["m1"], "services": {}, "config_destination": "/tmp/h.cfg"})");
    REQUIRE(config.ok());
    CHECK(config->reload.mode == ReloadMode::kManaged);
    CHECK(config->marathon_hosts.at(0).port == 8080);
    CHECK(config->services.empty());
  }
  SUBCASE("JSON null stands for the default") {
    Result<Config> config = parse_config(R"({"marathon_hosts": ["m1"], "services": {},
        "config_destination": "/tmp/h.cfg", "listen": null, "stats": null})");
    REQUIRE(config.ok());
    CHECK(config->listen.port == 3030);
    CHECK_FALSE(config->stats.enabled);
  }
  SUBCASE("the commented example in etc/ loads") {
    Config config = load(SKYLR_TEST_DATA_DIR "/../../etc/skylr.example.json");
    CHECK(origins(config) == std::vector<std::string>{"http://marathon-1.example.internal:8080",
                                                      "https://marathon.example.internal:443"});
    CHECK(config.marathon_hosts.at(1).base_path == "/marathon");
    CHECK(config.services.size() == 3);
    CHECK(config.stats.enabled);
    CHECK(config.reload.mode == ReloadMode::kManaged);
    CHECK(config.job_updates.tokens.size() == 1);
    CHECK(config.haproxy.log.target == "/dev/log");
    CHECK(config.discovery.enabled);
    CHECK(config.discovery.groups == std::vector<std::string>{"external"});
    CHECK(config.tls.enabled);
    CHECK(config.tls.default_certificate == "default.pem");
  }
}

TEST_CASE("skylr::parse_config extensions") {
  constexpr std::string_view kText = R"({
    "marathon_hosts": ["https://[2001:db8::1]:8443/marathon/", "m2"],
    "services": {
      "grp/web": {"port": 80, "port_index": 2, "authConf": "users.v2",
                  "health": {"check": "http", "path": "/healthz", "marathon_results": "ignore"}},
      "redis": {"port": 6379, "backend_port": 6380, "mode": "tcp", "health": {"check": "none"}},
    },
    "config_destination": "/etc/haproxy/auto.cfg",
    "users_config_destination": "/etc/haproxy/users.cfg",
    "pid_file": "/run/haproxy.pid",
    "listen": "[::1]:4040",
    "marathon_credentials": {"user": "svc", "password": "pw:with:colons"},
    "marathon_timeouts": {"connect_ms": 100, "first_byte_ms": 200, "total_ms": 300},
    "haproxy": {"binary": "/opt/haproxy", "bind_address": "[::]", "timeout_connect_ms": 1,
                "timeout_client_ms": 2, "timeout_server_ms": 3, "timeout_tunnel_ms": 4, "maxconn": 5,
                "server_slots_min": 2, "drain_seconds": 0,
                "log": {"target": "[::1]", "facility": "local3", "level": "notice", "format": "clf"}},
    "stats": {"port": 9001, "user": "ops", "password": "s3cret!", "bind_address": "0.0.0.0",
              "uri": "/stats"},
    "reload": {"mode": "managed", "min_interval_ms": 0, "resync_interval_s": 60, "max_removed_share": 0.25,
               "admin_socket": "/tmp/a.sock", "master_socket": "/tmp/m.sock"},
    "events": {"sse": false, "subscribe": true, "callback_url": "http://lb:4040/marathon"},
    "job_updates": {"tokens": [{"name": "ci", "token": "0123456789abcdef"},
                               {"name": "ops", "token": "fedcba9876543210xyz"}],
                    "tokens_file": "/etc/skylr/tokens", "fields": ["instances"], "method": "PATCH"}
  })";
  Result<Config> parsed = parse_config(kText);
  REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
  const Config& config = *parsed;

  SUBCASE("marathon hosts, credentials, timeouts and listen address") {
    const MarathonEndpoint& first = config.marathon_hosts.at(0);
    CHECK(first.scheme == "https");
    CHECK(first.host == "2001:db8::1");
    CHECK(first.port == 8443);
    CHECK(first.base_path == "/marathon");
    CHECK(first.origin() == "https://[2001:db8::1]:8443");
    CHECK(config.marathon_hosts.at(1).origin() == "http://m2:8080");
    REQUIRE(config.marathon_credentials.has_value());
    CHECK(config.marathon_credentials->user == "svc");
    CHECK(config.marathon_credentials->password == "pw:with:colons");
    CHECK(config.marathon_timeouts.connect == std::chrono::milliseconds(100));
    CHECK(config.marathon_timeouts.first_byte == std::chrono::milliseconds(200));
    CHECK(config.marathon_timeouts.total == std::chrono::milliseconds(300));
    CHECK(config.listen.host == "::1");
    CHECK(config.listen.port == 4040);
  }
  SUBCASE("services") {
    const ServiceConfig& web = config.services.at("grp/web");
    CHECK(web.app_id == "/grp/web");
    CHECK(web.port_index == 2);
    CHECK(web.auth_conf == "users.v2");
    CHECK(web.health.check == HealthCheck::kHttp);
    CHECK(web.health.http_path == "/healthz");
    CHECK_FALSE(web.health.respect_marathon);
    const ServiceConfig& redis = config.services.at("redis");
    CHECK(redis.mode == ServiceMode::kTcp);
    CHECK(redis.backend_port == 6380);
    CHECK(redis.health.check == HealthCheck::kNone);
  }
  SUBCASE("haproxy and stats") {
    CHECK(config.haproxy.binary == "/opt/haproxy");
    CHECK(config.haproxy.bind_host == "::");
    CHECK(config.haproxy.timeout_connect_ms == 1);
    CHECK(config.haproxy.timeout_client_ms == 2);
    CHECK(config.haproxy.timeout_server_ms == 3);
    CHECK(config.haproxy.timeout_tunnel_ms == 4);
    CHECK(config.haproxy.maxconn == 5);
    CHECK(config.haproxy.server_slots_min == 2);
    CHECK(config.haproxy.drain_seconds == 0);
    CHECK(config.haproxy.log.enabled());
    CHECK(config.haproxy.log.target == "[::1]:514");
    CHECK(config.haproxy.log.facility == "local3");
    CHECK(config.haproxy.log.level == "notice");
    CHECK(config.haproxy.log.format == ProxyLogFormat::kClf);
    CHECK(config.stats.enabled);
    CHECK(config.stats.port == 9001);
    CHECK(config.stats.user == "ops");
    CHECK(config.stats.password == "s3cret!");
    CHECK(config.stats.bind_host == "0.0.0.0");
    CHECK(config.stats.uri == "/stats");
  }
  SUBCASE("reload, events and job updates") {
    CHECK(config.reload.mode == ReloadMode::kManaged);  // explicit, despite pid_file
    CHECK(config.reload.min_interval_ms == 0);
    CHECK(config.reload.resync_interval_s == 60);
    CHECK(config.reload.max_removed_share == 0.25);
    CHECK(config.reload.admin_socket == "/tmp/a.sock");
    CHECK(config.reload.master_socket == "/tmp/m.sock");
    CHECK_FALSE(config.events.sse);
    CHECK(config.events.subscribe);
    CHECK(config.events.callback_url == "http://lb:4040/marathon");
    REQUIRE(config.job_updates.tokens.size() == 2);
    CHECK(config.job_updates.tokens[1].name == "ops");
    CHECK(config.job_updates.tokens[1].secret == "fedcba9876543210xyz");
    CHECK(config.job_updates.tokens_file == "/etc/skylr/tokens");
    CHECK(config.job_updates.fields == std::vector<std::string>{"instances"});
    CHECK(config.job_updates.use_patch);
  }
}

TEST_CASE("skylr::proxy_name") {
  struct Case {
    std::string_view name;
    std::string_view proxy;
  };
  const Case cases[] = {
      {"skylr", "skylr"},         {"/skylr", "skylr"},       {"grp/app", "grp_app"},
      {"/grp/sub/app", "grp_sub_app"}, {"my.app-2_x", "my.app-2_x"},
  };
  for (const Case& c : cases) {
    ServiceConfig service;
    service.name = std::string(c.name);
    CHECK(proxy_name(service) == c.proxy);
  }
}

}  // namespace skylr
