// parse_config's error messages: one table of bad inputs with the exact text expected, and
// a file with many problems reported all at once.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "skylr/config.h"

namespace skylr {
namespace {

// A valid config with `services` as the services' members and `extra` as more top-level
// members.
std::string config_with(std::string_view services, std::string_view extra = "") {
  return fmt::format(R"({{"marathon_hosts": ["m1:8080"], "config_destination": "/tmp/h.cfg",
    "users_config_destination": "/tmp/users.cfg", "services": {{{}}}, {}}})",
                     services, extra);
}

std::string service_error(std::string_view services) {
  Result<Config> config = parse_config(config_with(services));
  return config.ok() ? "(accepted)" : config.error().message;
}

std::string top_error(std::string_view extra) {
  Result<Config> config = parse_config(config_with(R"("web": {"port": 3000})", extra));
  return config.ok() ? "(accepted)" : config.error().message;
}

std::string error_of(std::string_view text) {
  Result<Config> config = parse_config(text);
  return config.ok() ? "(accepted)" : config.error().message;
}

struct Case {
  std::string_view input;
  std::string_view message;
};

}  // namespace

TEST_CASE("skylr::parse_config service errors") {
  const Case cases[] = {
      {R"("web": {"port": "80"})", R"(services.web.port: expected an integer 1-65535, got "80")"},
      {R"("web": {"port": 70000})", "services.web.port: expected an integer 1-65535, got 70000"},
      {R"("web": {"port": 80.5})", "services.web.port: expected an integer 1-65535, got 80.5"},
      {R"("web": {})", "services.web.port: required key is missing"},
      {R"("web": {"port": null})", "services.web.port: required key is missing"},
      {R"("web": 3000)", "services.web: expected an object, got 3000"},
      {R"("web": {"port": 1, "authconf": "u"})",
       R"(services.web.authconf: unknown key; did you mean "authConf"?)"},
      {R"("web": {"port": 1, "bakend_port": 2})",
       R"(services.web.bakend_port: unknown key; did you mean "backend_port"?)"},
      {R"("web": {"port": 1, "PORT_INDEX": 2})",
       R"(services.web.PORT_INDEX: unknown key; did you mean "port_index"?)"},
      {R"("web": {"port": 1, "weight": 2})",
       "services.web.weight: unknown key; known keys: port, backend_port, port_index, authConf, "
       "mode, health, tls, https_port, hsts_max_age, redirect_to_https"},
      {R"("web": {"port": 1, "port": 2})", "services.web.port: key appears more than once"},
      {R"("web": {"port": 1, "backend_port": 0})",
       "services.web.backend_port: expected an integer 1-65535, got 0"},
      {R"("web": {"port": 1, "port_index": 256})",
       "services.web.port_index: expected an integer 0-255, got 256"},
      {R"("web": {"port": 1, "authConf": "site users"})",
       R"(services.web.authConf: expected an HAProxy userlist name (letters, digits, '_', '.', ':', '-'), got "site users")"},
      {R"("web": {"port": 1, "authConf": ""})",
       R"(services.web.authConf: expected an HAProxy userlist name (letters, digits, '_', '.', ':', '-'), got "")"},
      {R"("web": {"port": 1, "mode": "udp"})",
       R"(services.web.mode: expected "http" or "tcp", got "udp")"},
      {R"("web": {"port": 1, "mode": "tcp", "authConf": "u"})",
       R"(services.web.authConf: basic auth needs "mode": "http", but the mode is "tcp")"},
      {R"("web": {"port": 1, "health": []})", "services.web.health: expected an object, got an array"},
      {R"("web": {"port": 1, "health": {"check": "ping"}})",
       R"(services.web.health.check: expected "tcp", "http" or "none", got "ping")"},
      {R"("web": {"port": 1, "health": {"path": "healthz"}})",
       R"(services.web.health.path: expected a path starting with '/' and without whitespace, quotes, '\' or '#', got "healthz")"},
      {R"("web": {"port": 1, "health": {"path": "/a b"}})",
       R"(services.web.health.path: expected a path starting with '/' and without whitespace, quotes, '\' or '#', got "/a b")"},
      {R"("web": {"port": 1, "health": {"marathon_results": "yes"}})",
       R"(services.web.health.marathon_results: expected "respect" or "ignore", got "yes")"},
      {R"("web": {"port": 1, "health": {"timeout": 1}})",
       "services.web.health.timeout: unknown key; known keys: check, path, marathon_results"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(service_error(c.input) == c.message);
  }
}

TEST_CASE("skylr::parse_config service key errors") {
  constexpr std::string_view kRule =
      "is not a Marathon app id (segments of letters, digits, '.', '_' and '-' separated by '/')";
  const Case cases[] = {
      {R"("my app": {"port": 1})", R"("my app")"},
      {R"("a//b": {"port": 1})", R"("a//b")"},
      {R"("a/": {"port": 1})", R"("a/")"},
      {R"("/": {"port": 1})", R"("/")"},
      {R"("": {"port": 1})", R"("")"},
      {R"("../x": {"port": 1})", R"("../x")"},
      {R"("a\"b": {"port": 1})", R"("a\"b")"},
      {R"("a\nb": {"port": 1})", R"("a\x0ab")"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(service_error(c.input) == fmt::format("services: {} {}", c.message, kRule));
  }
}

TEST_CASE("skylr::parse_config top-level errors") {
  const Case cases[] = {
      {R"("listen": "localhost")", R"(listen: expected "host:port", got "localhost" (port is missing))"},
      {R"("listen": 3030)", "listen: expected a string, got 3030"},
      {R"("pid_file": "")", "pid_file: must not be empty"},
      {R"("marathon_credentials": {"user": "a:b", "password": "p"})",
       "marathon_credentials.user: must not contain ':'"},
      {R"("marathon_credentials": {"user": "a"})", "marathon_credentials.password: required key is missing"},
      {R"("marathon_timeouts": {"total_ms": 0})",
       "marathon_timeouts.total_ms: expected an integer 1-2147483647, got 0"},
      {R"("marathon_timeouts": {"totl_ms": 5000})",
       R"(marathon_timeouts.totl_ms: unknown key; did you mean "total_ms"?)"},
      {R"("marathon_timeouts": {"connect_ms": "2s"})",
       R"(marathon_timeouts.connect_ms: expected an integer 1-2147483647, got "2s")"},
      {R"("haproxy": {"timeout_connect_ms": 0})",
       "haproxy.timeout_connect_ms: expected an integer 1-2147483647, got 0"},
      {R"("haproxy": {"bind_address": "10.0.0.1:80"})",
       R"(haproxy.bind_address: expected "*", an IP address or a host name, got "10.0.0.1:80" (not a host name, IPv4 or IPv6 address))"},
      {R"("haproxy": {"maxconns": 1})", R"(haproxy.maxconns: unknown key; did you mean "maxconn"?)"},
      {R"("haproxy": {"server_slots_min": 1025})",
       "haproxy.server_slots_min: expected an integer 0-1024, got 1025"},
      {R"("haproxy": {"drain_seconds": -1})", "haproxy.drain_seconds: expected an integer 0-86400, got -1"},
      {R"("haproxy": {"log": {"facility": "local0"}})", "haproxy.log.target: required key is missing"},
      {R"("haproxy": {"log": {"target": "/dev/log", "facilty": "local0"}})",
       R"(haproxy.log.facilty: unknown key; did you mean "facility"?)"},
      {R"("haproxy": {"log": {"target": "/dev/log", "facility": "local8"}})",
       R"(haproxy.log.facility: expected "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", )"
       R"("uucp", "cron", "auth2", "ftp", "ntp", "audit", "alert", "cron2", "local0", "local1", "local2", "local3", )"
       R"("local4", "local5", "local6" or "local7", got "local8")"},
      {R"("haproxy": {"log": {"target": "/dev/log", "level": "verbose"}})",
       R"(haproxy.log.level: expected "emerg", "alert", "crit", "err", "warning", "notice", "info" or "debug", got "verbose")"},
      {R"("haproxy": {"log": {"target": "/dev/log", "format": "json"}})",
       R"(haproxy.log.format: expected "httplog", "clf" or "tcplog", got "json")"},
      // No value may end its word or line in the HAProxy config.
      {R"("haproxy": {"log": {"target": "/dev/log local0\n    bind *:1"}})",
       R"(haproxy.log.target: expected "stdout", "stderr", a Unix socket path or "ip:port", got "/dev/log local0\x0a    bind *:1" )"
       R"((a socket path must not contain whitespace, quotes, '\', '#' or ','))"},
      {R"("haproxy": {"log": {"target": "syslog.example.internal:514"}})",
       R"(haproxy.log.target: expected "stdout", "stderr", a Unix socket path or "ip:port", got "syslog.example.internal:514" )"
       R"((a syslog server must be given by its IP address))"},
      {R"("haproxy": {"log": {"target": "10.0.0.1:0"}})",
       R"(haproxy.log.target: expected "stdout", "stderr", a Unix socket path or "ip:port", got "10.0.0.1:0" )"
       R"((port must be an integer 1-65535))"},
      {R"("haproxy": {"log": {"target": "stdout "}})",
       R"(haproxy.log.target: expected "stdout", "stderr", a Unix socket path or "ip:port", got "stdout " )"
       R"((host may only contain letters, digits, '.', '-' and '_'))"},
      {R"("stats": true)", "stats: expected an object, got true"},
      {R"("stats": {"port": 9000, "user": "admin"})", "stats.password: required key is missing"},
      {R"("stats": {"port": 9000, "user": "ad min", "password": "p"})",
       "stats.user: must not contain whitespace, quotes, '\\', '#' or ':'"},
      {R"("stats": {"port": 9000, "user": "admin", "password": "a#b"})",
       "stats.password: must not contain whitespace, quotes, '\\', '#' or ':'"},
      {R"("stats": {"port": 9000, "user": "admin", "password": "it's"})",
       "stats.password: must not contain whitespace, quotes, '\\', '#' or ':'"},
      {R"("stats": {"port": 9000, "user": "", "password": "p"})", "stats.user: must not be empty"},
      {R"("stats": {"port": 9000, "user": "a", "password": "p", "uri": "stats"})",
       R"(stats.uri: expected a path starting with '/' and without whitespace, quotes, '\' or '#', got "stats")"},
      // Found by fuzzing: values that would end their word or line in the HAProxy config.
      {R"("stats": {"port": 9000, "user": "a", "password": "p\\w"})",
       "stats.password: must not contain whitespace, quotes, '\\', '#' or ':'"},
      {R"("stats": {"port": 9000, "user": "a", "password": "p", "uri": "/s#x"})",
       R"(stats.uri: expected a path starting with '/' and without whitespace, quotes, '\' or '#', got "/s#x")"},
      {R"("reload": {"admin_socket": "/run/a.sock\n    bind *:1"})",
       R"(reload.admin_socket: expected an absolute path without whitespace, quotes, '\', '#' or ',', got "/run/a.sock\x0a    bind *:1")"},
      {R"("reload": {"master_socket": "/run/m.sock,level,admin"})",
       R"(reload.master_socket: expected an absolute path without whitespace, quotes, '\', '#' or ',', got "/run/m.sock,level,admin")"},
      {R"("reload": {"admin_socket": "run/a.sock"})",
       R"(reload.admin_socket: expected an absolute path without whitespace, quotes, '\', '#' or ',', got "run/a.sock")"},
      {R"("reload": {"mode": "restart"})",
       R"(reload.mode: expected "managed" or "external", got "restart")"},
      {R"("reload": {"mode": "external"})", R"(pid_file: required when reload.mode is "external")"},
      {R"("reload": {"min_interval_ms": -1})",
       "reload.min_interval_ms: expected an integer 0-2147483647, got -1"},
      {R"("reload": {"max_removed_share": 1.5})", "reload.max_removed_share: expected a number 0-1, got 1.5"},
      {R"("reload": {"max_removed_share": "half"})",
       R"(reload.max_removed_share: expected a number 0-1, got "half")"},
      {R"("events": {"subscribe": true})", "events.callback_url: required when events.subscribe is true"},
      {R"("events": {"sse": "yes"})", R"(events.sse: expected true or false, got "yes")"},
      {R"("events": {"callback_url": "lb:3030/marathon"})",
       R"(events.callback_url: expected an http:// or https:// URL, got "lb:3030/marathon")"},
      {R"("job_updates": {"tokens": [{"name": "ci", "token": "short"}]})",
       "job_updates.tokens[0].token: must be at least 16 characters long"},
      {R"("job_updates": {"tokens": [{"name": "ci", "token": "0123456789abcdef"},
                                     {"name": "ci", "token": "0123456789abcdefg"}]})",
       R"(job_updates.tokens[1].name: "ci" is already the name of an earlier token)"},
      {R"("job_updates": {"fields": ["instances", "cmd"]})",
       R"(job_updates.fields: "cmd" cannot be allowed; skylrd checks only instances, cpus, mem, disk, gpus)"},
      {R"("job_updates": {"tokens": [{"token": "0123456789abcdef"}]})",
       "job_updates.tokens[0].name: required key is missing"},
      {R"("job_updates": {"tokens": {"ci": "0123456789abcdef"}})",
       "job_updates.tokens: expected an array, got an object"},
      {R"("job_updates": {"fields": ["instances", ""]})", "job_updates.fields[1]: must not be empty"},
      {R"("job_updates": {"method": "POST"})", R"(job_updates.method: expected "PUT" or "PATCH", got "POST")"},
      {R"("marathon_host": ["m2"])", R"(marathon_host: unknown key; did you mean "marathon_hosts"?)"},
      {R"("PID_FILE": "/run/h.pid")", R"(PID_FILE: unknown key; did you mean "pid_file"?)"},
      {R"("services": {})", "services: key appears more than once"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(top_error(c.input) == c.message);
  }
}

TEST_CASE("skylr::parse_config cross-field errors") {
  const Case cases[] = {
      {R"("a": {"port": 3000}, "b": {"port": 3000})",
       R"(services.b.port: 3000 is already used by service "a")"},
      {R"("web": {"port": 3030})", "services.web.port: 3030 is skylrd's listen port"},
      {R"("skylr": {"port": 1}, "/skylr": {"port": 2})",
       R"(services.skylr: app id "/skylr" is already used by service "/skylr")"},
      {R"("a/b": {"port": 1}, "a_b": {"port": 2})",
       R"(services.a_b: proxy name "a_b" is already used by service "a/b")"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(service_error(c.input) == c.message);
  }
  SUBCASE("ports of skylrd and the stats page") {
    CHECK(top_error(R"("listen": "127.0.0.1:3000")") ==
          "services.web.port: 3000 is skylrd's listen port");
    CHECK(top_error(R"("stats": {"port": 3000, "user": "u", "password": "p"})") ==
          "services.web.port: 3000 is the stats port");
    CHECK(top_error(R"("stats": {"port": 3030, "user": "u", "password": "p"})") ==
          "stats.port: 3030 is skylrd's listen port");
  }
}

TEST_CASE("skylr::parse_config document errors") {
  const Case cases[] = {
      {"[]", "(document): expected an object, got an array"},
      {R"({"marathon_hosts": ["m1"], "services": {}})", "config_destination: required key is missing"},
      {R"({"marathon_hosts": [], "services": {}, "config_destination": "/c"})",
       "marathon_hosts: expected at least one host"},
      {R"({"marathon_hosts": "m1:8080", "services": {}, "config_destination": "/c"})",
       R"(marathon_hosts: expected an array, got "m1:8080")"},
      {R"({"marathon_hosts": ["m1"], "services": [], "config_destination": "/c"})",
       "services: expected an object, got an array"},
      {R"({"marathon_hosts": ["m1", 8080], "services": {}, "config_destination": "/c"})",
       "marathon_hosts[1]: expected a string, got 8080"},
      {R"({"marathon_hosts": ["ftp://m1"], "services": {}, "config_destination": "/c"})",
       R"(marathon_hosts[0]: expected "host:port" or an http(s) URL, got "ftp://m1" (scheme must be http or https))"},
      {R"({"marathon_hosts": ["m 1:8080"], "services": {}, "config_destination": "/c"})",
       R"(marathon_hosts[0]: expected "host:port" or an http(s) URL, got "m 1:8080" (host may only contain letters, digits, '.', '-' and '_'))"},
      {R"({"marathon_hosts": ["m1:99999"], "services": {}, "config_destination": "/c"})",
       R"(marathon_hosts[0]: expected "host:port" or an http(s) URL, got "m1:99999" (port must be an integer 1-65535))"},
      {R"({"marathon_hosts": ["m1"], "services": {"web": {"port": 80, "authConf": "u"}},
          "config_destination": "/c"})",
       "users_config_destination: required when a service has authConf (it defines the userlists)"},
      {"{\"marathon_hosts\": [\"m1\"],\n \"services\": {,}}",
       "config: invalid JSON at line 2, column 15: Missing a name for object member."},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(error_of(c.input) == c.message);
  }
}

TEST_CASE("skylr::parse_config lists every problem at once") {
  constexpr std::string_view kText = R"({
    // three services, four problems among them
    "marathon_hosts": ["m1:8080", "gopher://m2", ],
    "services": {
      "web": {"port": 3000, "authconf": "staff"},
      "api": {"port": 3000},
      "bad key": {"port": 1},
      "/grp/db": {"port": "5432", "mode": "tcp"},
    },
    "stats": {"port": 9000, "user": "admin"},
    "reload": {"mode": "external"},
    "events": {"subscribe": true},
    "job_updates": {"tokens": [{"name": "ci", "token": "x"}]},
    "listen": "0.0.0.0",
  })";
  Result<Config> config = parse_config(kText);
  REQUIRE_FALSE(config.ok());
  CHECK(config.error().message ==
        R"(marathon_hosts[1]: expected "host:port" or an http(s) URL, got "gopher://m2" (scheme must be http or https))"
        "\n"
        R"(services.web.authconf: unknown key; did you mean "authConf"?)"
        "\n"
        R"(services: "bad key" is not a Marathon app id (segments of letters, digits, '.', '_' and '-' separated by '/'))"
        "\n"
        R"(services./grp/db.port: expected an integer 1-65535, got "5432")"
        "\n"
        "config_destination: required key is missing\n"
        R"(listen: expected "host:port", got "0.0.0.0" (port is missing))"
        "\n"
        "stats.password: required key is missing\n"
        "job_updates.tokens[0].token: must be at least 16 characters long\n"
        R"(services.web.port: 3000 is already used by service "api")"
        "\n"
        R"(pid_file: required when reload.mode is "external")"
        "\n"
        "events.callback_url: required when events.subscribe is true");
}

}  // namespace skylr

namespace skylr {

TEST_CASE("skylr::parse_config discovery section") {
  Result<Config> config = parse_config(config_with(R"("web": {"port": 3000})", R"("discovery": {})"));
  REQUIRE(config.ok());
  CHECK(config->discovery.enabled);
  CHECK(config->discovery.groups == std::vector<std::string>{"external"});
  CHECK(config->discovery.http_port == 80);
  CHECK(config->discovery.routes_map == "/tmp/skylr-routes.map");  // beside config_destination
  CHECK(config->discovery.spare_backends == 8);
  CHECK_FALSE(parse_config(config_with(R"("web": {"port": 3000})"))->discovery.enabled);

  const Case cases[] = {
      {R"("discovery": {"groups": []})", "discovery.groups: expected at least one group"},
      {R"("discovery": {"groups": ["ext ernal"]})",
       R"(discovery.groups[0]: expected "*" or a name of letters, digits, '.', '_' and '-')"},
      {R"("discovery": {"http_port": 3000})", "services.web.port: 3000 is the shared HTTP port (discovery.http_port)"},
      {R"("discovery": {"http_port": 3030})", "discovery.http_port: 3030 is skylrd's listen port"},
      {R"("discovery": {"routes_map": "maps/routes.map"})",
       "discovery.routes_map: expected an absolute path of letters, digits, '.', '_', '-' and '/'"},
      {R"("discovery": {"routes_map": "/etc/h/r.map),x"})",
       "discovery.routes_map: expected an absolute path of letters, digits, '.', '_', '-' and '/'"},
      {R"("discovery": {"spare_backends": 2000})", "discovery.spare_backends: expected an integer 0-1024, got 2000"},
      {R"("discovery": {"grups": ["a"]})",
       R"(discovery.grups: unknown key; did you mean "groups"?)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(top_error(c.input) == c.message);
  }
  CHECK(error_of(R"({"marathon_hosts": ["m1"], "config_destination": "/tmp/my dir/h.cfg", "services": {},
                     "discovery": {}})") ==
        "discovery.routes_map: expected an absolute path of letters, digits, '.', '_', '-' and '/' (the default "
        "beside config_destination is \"/tmp/my dir/skylr-routes.map\")");
}

}  // namespace skylr

namespace skylr {

TEST_CASE("skylr::parse_config tls section") {
  constexpr std::string_view kTls = R"("tls": {"certificates": "/etc/skylr/certs", "default_certificate": "d.pem"})";
  Result<Config> config = parse_config(config_with(R"("web": {"port": 3000, "tls": true, "hsts_max_age": 600})", kTls));
  REQUIRE(config.ok());
  const TlsConfig& tls = config->tls;
  CHECK(tls.enabled);
  CHECK(tls.certificates == "/etc/skylr/certs");
  CHECK(tls.default_certificate == "d.pem");
  CHECK(tls.store == "/tmp/skylr-certs");  // beside config_destination
  CHECK(tls.crt_list == "/tmp/skylr-certs.list");
  CHECK(tls.https_port == 443);
  CHECK(tls.min_version == "TLSv1.2");
  CHECK(tls.http2);
  CHECK(config->services.at("web").tls);
  CHECK(config->services.at("web").hsts_max_age == 600);
  CHECK_FALSE(parse_config(config_with(R"("web": {"port": 3000})"))->tls.enabled);

  const Case cases[] = {
      {R"("tls": {})",
       "tls.certificates: required key is missing\ntls.default_certificate: required key is missing"},
      {R"("tls": {"certificates": "certs", "default_certificate": "d.pem"})",
       "tls.certificates: expected an absolute directory path"},
      {R"("tls": {"certificates": "/c", "default_certificate": "../d.pem"})",
       R"(tls.default_certificate: expected a file name of letters, digits, '.', '_' and '-', not starting with '.', got "../d.pem")"},
      {R"("tls": {"certificates": "/c", "default_certificate": "d.pem", "min_version": "TLSv1.0"})",
       R"(tls.min_version: expected "TLSv1.2" or "TLSv1.3", got "TLSv1.0")"},
      {R"("tls": {"certificates": "/c", "default_certificate": "d.pem", "ciphers": "AES128 GCM\nbind *:1"})",
       R"(tls.ciphers: expected an OpenSSL cipher list (letters, digits and ":+!@=._-"), got "AES128 GCM\x0abind *:1")"},
      {R"("tls": {"certificates": "/c", "default_certificate": "d.pem", "store": "/var/lib/my store"})",
       "tls.store: expected an absolute path of letters, digits, '.', '_', '-' and '/'"},
      {R"("tls": {"certificates": "/c", "default_certificate": "d.pem", "hsts_max_age": 0})",
       "tls.hsts_max_age: expected an integer 1-63072000, got 0"},
      {R"("discovery": {}, "tls": {"certificates": "/c", "default_certificate": "d.pem", "https_port": 3000})",
       "services.web.port: 3000 is the shared HTTPS port (tls.https_port)"},
      {R"("discovery": {"http_port": 8443}, "tls": {"certificates": "/c", "default_certificate": "d.pem", "https_port": 8443})",
       "tls.https_port: 8443 is the shared HTTP port (discovery.http_port)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(top_error(c.input) == c.message);
  }
  CHECK(service_error(R"("web": {"port": 3000, "tls": true})") == "services.web.tls: needs the \"tls\" section (its certificates)");
  CHECK(service_error(R"("web": {"port": 3000, "https_port": 3443})") ==
        "services.web.https_port: needs the \"tls\" section (its certificates)");
  const Case service_cases[] = {
      {R"("web": {"port": 3000, "hsts_max_age": 600})",
       R"(services.web.hsts_max_age: HSTS needs "mode": "http" and a TLS port ("tls": true or "https_port"))"},
      {R"("web": {"port": 3000, "https_port": 3443, "mode": "tcp", "hsts_max_age": 600})",
       R"(services.web.hsts_max_age: HSTS needs "mode": "http" and a TLS port ("tls": true or "https_port"))"},
      {R"("web": {"port": 3000, "redirect_to_https": true, "tls": true})",
       R"(services.web.redirect_to_https: needs "mode": "http", a plain "port" and an "https_port" to send requests to)"},
      {R"("web": {"port": 3000, "https_port": 3000})", "services.web.https_port: must differ from the service's port"},
      {R"("web": {"port": 3000, "https_port": 3443}, "api": {"port": 3443})",
       R"(services.web.https_port: 3443 is already used by service "api")"},
      {R"("web": {"port": 3000, "https_port": 3443}, "api": {"port": 3001, "https_port": 3443})",
       R"(services.web.https_port: 3443 is already used by service "api")"},
      {R"("web": {"port": 3000, "https_port": 3030})", "services.web.https_port: 3030 is already used by skylrd's listen port"},
  };
  for (const Case& c : service_cases) {
    CAPTURE(c.input);
    std::string error = parse_config(config_with(c.input, kTls)).error().message;
    CHECK(error == c.message);
  }
  Result<Config> both = parse_config(
      config_with(R"("web": {"port": 3000, "https_port": 3443, "redirect_to_https": true, "hsts_max_age": 60})", kTls));
  REQUIRE(both.ok());
  CHECK(both->services.at("web").https_port == 3443);
  CHECK(both->services.at("web").redirect_to_https);
}

}  // namespace skylr
