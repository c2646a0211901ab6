// Each label marathon-lb documents, valid and invalid, read for one app port: what the
// published service holds, or the exact reason the port is refused.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <iterator>
#include <map>
#include <string>
#include <utility>

#include "discovery/port_labels.h"
#include "model/model_fixtures.h"

namespace skylr::discovery {
namespace {

Config discovery_config(std::vector<std::string> groups = {"external"}, bool strict = false) {
  Config config;
  config.discovery.enabled = true;
  config.discovery.groups = std::move(groups);
  config.discovery.strict = strict;
  return config;
}

App labelled_app(std::map<std::string, std::string> labels, int service_port = 10001) {
  App app = make_app("/shop/web", {make_task("shop_web.1", "10.0.0.1", {31001})});
  app.labels = std::move(labels);
  app.service_ports = {service_port};
  return app;
}

PortDiscovery read(std::map<std::string, std::string> labels, int service_port = 10001,
                   const Config& config = discovery_config()) {
  labels.emplace("HAPROXY_GROUP", "external");
  App app = labelled_app(std::move(labels), service_port);
  return read_port(config, app, 0, service_port);
}

// The reason the port with `labels` is refused (fails the test when it is published).
std::string refusal(std::map<std::string, std::string> labels, int service_port = 10001,
                    const Config& config = discovery_config()) {
  PortDiscovery port = read(std::move(labels), service_port, config);
  CHECK(port.verdict == PortVerdict::kRefused);
  CHECK_FALSE(port.service.has_value());
  return port.reason;
}

// discovery_config() with the `tls` section, whose HSTS max-age is not marathon-lb's.
Config tls_config() {
  Config config = discovery_config();
  config.tls.enabled = true;
  config.tls.hsts_max_age = 31536000;
  return config;
}

}  // namespace

TEST_CASE("skylr::discovery::read_port publishes a labelled port with marathon-lb's defaults") {
  PortDiscovery port = read({});
  REQUIRE(port.verdict == PortVerdict::kPublished);
  REQUIRE(port.service);
  const ServiceConfig& service = *port.service;
  CHECK(service.name == "/shop/web:0");
  CHECK(service.app_id == "/shop/web");
  CHECK(service.origin == ServiceOrigin::kLabels);
  CHECK(service.port == 10001);  // the service port
  CHECK(service.mode == ServiceMode::kTcp);  // marathon-lb's default without a vhost
  CHECK(service.balance == "roundrobin");
  CHECK(service.vhosts.empty());
  CHECK(port.labels == std::vector<std::pair<std::string, std::string>>{{"HAPROXY_GROUP", "external"}});
}

TEST_CASE("skylr::discovery::read_port reads every label marathon-lb documents") {
  PortDiscovery port = read({{"HAPROXY_0_VHOST", "Shop.Example.com, *.shop.example.org,shop.example.com."},
                             {"HAPROXY_0_PATH", "/api /v2"},
                             {"HAPROXY_0_PORT", "8443"},
                             {"HAPROXY_0_BALANCE", "leastconn"},
                             {"HAPROXY_0_STICKY", "TRUE"},
                             {"HAPROXY_0_REDIRECT_TO_HTTPS", "true"},
                             {"HAPROXY_0_BIND_ADDR", "127.0.0.1"},
                             {"HAPROXY_0_BACKEND_WEIGHT", "-3"},
                             {"HAPROXY_0_AUTH", "realm1:alice:$5$salt$abc/def."},
                             {"HAPROXY_0_ENABLED", "true"}});
  REQUIRE_MESSAGE(port.service, port.reason);
  const ServiceConfig& service = *port.service;
  CHECK(service.vhosts == std::vector<std::string>{"*.shop.example.org", "shop.example.com"});
  CHECK(service.paths == std::vector<std::string>{"/api", "/v2"});
  CHECK(service.port == 8443);
  CHECK(service.mode == ServiceMode::kHttp);  // a vhost makes it HTTP
  CHECK(service.balance == "leastconn");
  CHECK(service.sticky);
  CHECK(service.redirect_to_https);
  CHECK(service.bind_host == "127.0.0.1");
  CHECK(service.route_weight == -3);
  REQUIRE(service.basic_auth);
  CHECK(service.basic_auth->realm == "realm1");
  CHECK(service.basic_auth->user == "alice");
  CHECK(service.basic_auth->password_hash == "$5$salt$abc/def.");
  CHECK(port.labels.size() == 11);
}

TEST_CASE("skylr::discovery::read_port weights and ports") {
  SUBCASE("a path gives weight 1 unless a weight is set") {
    PortDiscovery port = read({{"HAPROXY_0_VHOST", "a.example.com"}, {"HAPROXY_0_PATH", "/x"}});
    REQUIRE(port.service);
    CHECK(port.service->route_weight == 1);
  }
  SUBCASE("a vhost is published on the shared frontend only, unless HAPROXY_{n}_PORT names a port") {
    PortDiscovery port = read({{"HAPROXY_0_VHOST", "a.example.com"}}, 10001);
    REQUIRE(port.service);
    CHECK(port.service->port == 0);
    port = read({{"HAPROXY_0_VHOST", "a.example.com"}, {"HAPROXY_0_PORT", "8081"}}, 10001);
    REQUIRE(port.service);
    CHECK(port.service->port == 8081);
  }
}

TEST_CASE("skylr::discovery::read_port takes over the app's Marathon health check of the port") {
  App app = labelled_app({{"HAPROXY_GROUP", "external"}});
  app.health_checks = {AppHealthCheck{"COMMAND", 0, std::nullopt, "/", 1, 1, 1},
                       AppHealthCheck{"MESOS_HTTP", 1, std::nullopt, "/other", 1, 1, 1},
                       AppHealthCheck{"MESOS_HTTP", 0, std::nullopt, "/health", 10, 5, 2}};
  PortDiscovery port = read_port(discovery_config(), app, 0, 10001);
  REQUIRE(port.service);
  const HealthPolicy& health = port.service->health;
  CHECK(health.check == HealthCheck::kHttp);
  CHECK(health.http_path == "/health");
  CHECK(health.interval_s == 10);
  CHECK(health.timeout_s == 5);
  CHECK(health.fall == 3);  // marathon-lb: maxConsecutiveFailures + 1
  CHECK(port.service->mode == ServiceMode::kHttp);  // an HTTP check makes the port HTTP

  app.health_checks = {AppHealthCheck{"TCP", 0, std::nullopt, "/", 7, 3, 0}};
  port = read_port(discovery_config(), app, 0, 10001);
  REQUIRE(port.service);
  CHECK(port.service->health.check == HealthCheck::kTcp);
  CHECK(port.service->health.interval_s == 7);
  CHECK(port.service->health.fall == 1);
  CHECK(port.service->mode == ServiceMode::kTcp);
}

TEST_CASE("skylr::discovery::read_port groups and enabling") {
  Config config = discovery_config();
  App app = labelled_app({{"HAPROXY_GROUP", "internal"}, {"HAPROXY_0_GROUP", "external"}});
  CHECK(read_port(config, app, 0, 10001).verdict == PortVerdict::kPublished);  // the per-port group wins

  App internal = labelled_app({{"HAPROXY_GROUP", "internal"}});
  PortDiscovery port = read_port(config, internal, 0, 10001);
  CHECK(port.verdict == PortVerdict::kNotInGroup);
  CHECK(port.reason == "group \"internal\" is not one of discovery.groups");

  App unlabelled = labelled_app({});
  CHECK(read_port(config, unlabelled, 0, 10001).reason == "no HAPROXY_GROUP or HAPROXY_{n}_GROUP label");
  CHECK(read_port(discovery_config({"*"}), unlabelled, 0, 10001).verdict == PortVerdict::kPublished);

  port = read({{"HAPROXY_0_ENABLED", "false"}});
  CHECK(port.verdict == PortVerdict::kDisabled);
  Config strict = discovery_config({"external"}, true);
  CHECK(read({}, 10001, strict).verdict == PortVerdict::kDisabled);
  CHECK(read({{"HAPROXY_0_ENABLED", "true"}}, 10001, strict).verdict == PortVerdict::kPublished);
}

TEST_CASE("skylr::discovery::read_port refuses raw text, unknown labels and invalid values, naming them") {
  struct Case {
    std::map<std::string, std::string> labels;
    std::string reason;
  };
  const Case cases[] = {
      {{{"HAPROXY_0_FRONTEND_HEAD", "frontend x"}},
       "label HAPROXY_0_FRONTEND_HEAD: raw HAProxy text is refused (whoever deploys an app would write the load "
       "balancer's configuration)"},
      {{{"HAPROXY_0_BACKEND_HTTP_OPTIONS", "x"}},
       "label HAPROXY_0_BACKEND_HTTP_OPTIONS: raw HAProxy text is refused (whoever deploys an app would write the "
       "load balancer's configuration)"},
      {{{"HAPROXY_HTTP_FRONTEND_HEAD", "x"}},
       "label HAPROXY_HTTP_FRONTEND_HEAD: raw HAProxy text is refused (whoever deploys an app would write the load "
       "balancer's configuration)"},
      {{{"HAPROXY_0_BIND_OPTIONS", "ssl"}},
       "label HAPROXY_0_BIND_OPTIONS: raw HAProxy text is refused (whoever deploys an app would write the load "
       "balancer's configuration)"},
      {{{"HAPROXY_0_BACKEND_HEALTHCHECK_PORT_INDEX", "1"}},
       "label HAPROXY_0_BACKEND_HEALTHCHECK_PORT_INDEX: not a label Skylr reads"},
      {{{"HAPROXY_0_VHOST", "ok.example.com,bad\nacl x"}},
       "label HAPROXY_0_VHOST: \"bad\\nacl\" is not a host name (or *. and a host name)"},
      {{{"HAPROXY_0_VHOST", "a_b.example.com"}},
       "label HAPROXY_0_VHOST: \"a_b.example.com\" is not a host name (or *. and a host name)"},
      {{{"HAPROXY_0_VHOST", " , "}}, "label HAPROXY_0_VHOST: names no host"},
      {{{"HAPROXY_0_PATH", "/api"}}, "label HAPROXY_0_PATH: path routing needs a virtual host (HAPROXY_{n}_VHOST)"},
      {{{"HAPROXY_0_VHOST", "a.example.com"}, {"HAPROXY_0_PATH", "-i /api"}},
       "label HAPROXY_0_PATH: the flag -i is not supported"},
      {{{"HAPROXY_0_VHOST", "a.example.com"}, {"HAPROXY_0_PATH", "api"}},
       "label HAPROXY_0_PATH: expected a path starting with '/' and without whitespace, quotes, '\\' or '#', got "
       "\"api\""},
      {{{"HAPROXY_0_PORT", "80x"}}, "label HAPROXY_0_PORT: expected an integer 1-65535, got \"80x\""},
      {{{"HAPROXY_0_PORT", "0"}}, "label HAPROXY_0_PORT: expected an integer 1-65535, got \"0\""},
      {{{"HAPROXY_0_MODE", "udp"}}, "label HAPROXY_0_MODE: expected http or tcp, got \"udp\""},
      {{{"HAPROXY_0_VHOST", "a.example.com"}, {"HAPROXY_0_MODE", "tcp"}},
       "label HAPROXY_0_MODE: tcp, but virtual hosts are routed by HTTP's Host header"},
      {{{"HAPROXY_0_BALANCE", "roundrobin\n  server x 6.6.6.6:1"}},
       "label HAPROXY_0_BALANCE: expected one of roundrobin, static-rr, leastconn, first, source, random, uri, got "
       "\"roundrobin\\n  server x 6.6.6.6:1\""},
      {{{"HAPROXY_0_STICKY", "yes"}}, "label HAPROXY_0_STICKY: expected true or false, got \"yes\""},
      {{{"HAPROXY_0_ENABLED", "1"}}, "label HAPROXY_0_ENABLED: expected true or false, got \"1\""},
      {{{"HAPROXY_0_BIND_ADDR", "example.com"}}, "label HAPROXY_0_BIND_ADDR: \"example.com\" is not an IP address"},
      {{{"HAPROXY_0_BACKEND_WEIGHT", "9999"}},
       "label HAPROXY_0_BACKEND_WEIGHT: expected an integer -1000-1000, got \"9999\""},
      {{{"HAPROXY_0_VHOST", "a.example.com"}, {"HAPROXY_0_AUTH", "realm:alice"}},
       "label HAPROXY_0_AUTH: expected realm:user:hash (realm and user of [A-Za-z0-9._-], a crypt(3) hash)"},
      {{{"HAPROXY_0_VHOST", "a.example.com"}, {"HAPROXY_0_AUTH", "realm:al ice:hash"}},
       "label HAPROXY_0_AUTH: expected realm:user:hash (realm and user of [A-Za-z0-9._-], a crypt(3) hash)"},
      {{{"HAPROXY_0_AUTH", "realm:alice:hash"}}, "label HAPROXY_0_AUTH: basic auth needs HTTP mode"},
  };
  for (const Case& entry : cases) {
    CAPTURE(entry.reason);
    CHECK(refusal(entry.labels) == entry.reason);
  }
  CHECK(refusal({}, 0) == "no service port (portDefinitions, servicePort or HAPROXY_{n}_PORT) and no virtual host");
}

TEST_CASE("skylr::discovery::read_port reads the HTTPS labels") {
  SUBCASE("valid values") {
    const struct {
      std::map<std::string, std::string> labels;
      bool redirect_to_https;
      int hsts_max_age;
      std::string certificate;
    } cases[] = {
        {{{"HAPROXY_0_REDIRECT_TO_HTTPS", "true"}}, true, 0, ""},
        {{{"HAPROXY_0_REDIRECT_TO_HTTPS", "false"}}, false, 0, ""},
        {{{"HAPROXY_0_USE_HSTS", "true"}}, false, 31536000, ""},
        {{{"HAPROXY_0_USE_HSTS", "FALSE"}}, false, 0, ""},
        {{{"HAPROXY_0_SSL_CERT", "shop.example.com.pem"}}, false, 0, "shop.example.com.pem"},
        {{{"HAPROXY_0_REDIRECT_TO_HTTPS", "true"}, {"HAPROXY_0_USE_HSTS", "true"}, {"HAPROXY_0_SSL_CERT", "a_b-1.pem"}},
         true, 31536000, "a_b-1.pem"},
    };
    for (std::size_t row = 0; row < std::size(cases); ++row) {
      CAPTURE(row);
      const auto& c = cases[row];
      std::map<std::string, std::string> labels = c.labels;
      labels.emplace("HAPROXY_0_VHOST", "shop.example.com");
      PortDiscovery port = read(labels, 10001, tls_config());
      REQUIRE_MESSAGE(port.service, port.reason);
      CHECK(port.service->redirect_to_https == c.redirect_to_https);
      CHECK(port.service->hsts_max_age == c.hsts_max_age);
      CHECK(port.service->certificate == c.certificate);
    }
  }
  SUBCASE("refused values") {
    const struct {
      std::map<std::string, std::string> labels;
      std::string reason;
    } cases[] = {
        {{{"HAPROXY_0_VHOST", "a.example.com"}, {"HAPROXY_0_REDIRECT_TO_HTTPS", "yes"}},
         "label HAPROXY_0_REDIRECT_TO_HTTPS: expected true or false, got \"yes\""},
        {{{"HAPROXY_0_VHOST", "a.example.com"}, {"HAPROXY_0_USE_HSTS", "1"}},
         "label HAPROXY_0_USE_HSTS: expected true or false, got \"1\""},
        {{{"HAPROXY_0_REDIRECT_TO_HTTPS", "true"}}, "label HAPROXY_0_REDIRECT_TO_HTTPS: needs HTTP mode"},
        {{{"HAPROXY_0_USE_HSTS", "true"}}, "label HAPROXY_0_USE_HSTS: needs HTTP mode"},
        {{{"HAPROXY_0_SSL_CERT", "shop.pem"}}, "label HAPROXY_0_SSL_CERT: needs HTTP mode"},
        {{{"HAPROXY_0_MODE", "tcp"}, {"HAPROXY_0_SSL_CERT", "shop.pem"}}, "label HAPROXY_0_SSL_CERT: needs HTTP mode"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.reason);
      CHECK(refusal(c.labels, 10001, tls_config()) == c.reason);
    }
  }
  SUBCASE("a certificate named by a path, or by no plain file name") {
    const std::pair<const char*, const char*> names[] = {
        {"/etc/shadow", R"("/etc/shadow")"},
        {"..", R"("..")"},
        {"../store/shop.pem", R"("../store/shop.pem")"},
        {".hidden.pem", R"(".hidden.pem")"},
        {"a.pem\nbind :1", R"("a.pem\nbind :1")"},
        {"", R"("")"},
    };
    for (const auto& [name, quoted] : names) {
      CAPTURE(quoted);
      CHECK(refusal({{"HAPROXY_0_VHOST", "a.example.com"}, {"HAPROXY_0_SSL_CERT", name}}, 10001, tls_config()) ==
            fmt::format("label HAPROXY_0_SSL_CERT: {} is not a file name in tls.certificates (never a path)", quoted));
    }
  }
  SUBCASE("a certificate needs the tls section") {
    CHECK(refusal({{"HAPROXY_0_VHOST", "a.example.com"}, {"HAPROXY_0_SSL_CERT", "shop.pem"}}) ==
          "label HAPROXY_0_SSL_CERT: needs the config's \"tls\" section (its certificates)");
  }
}

TEST_CASE("skylr::discovery::read_port ignores the labels of other ports and of deployments") {
  PortDiscovery port = read({{"HAPROXY_1_FRONTEND_HEAD", "x"}, {"HAPROXY_DEPLOYMENT_GROUP", "blue"}});
  CHECK(port.verdict == PortVerdict::kPublished);
}

}  // namespace skylr::discovery
