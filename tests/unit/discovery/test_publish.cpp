// publish_discovered: discovered services beside the explicit ones, conflicts refused
// with a problem, an explicit service's app never read.
#include <doctest/doctest.h>

#include "model/model_fixtures.h"
#include "skylr/discovery.h"

namespace skylr {
namespace {

App labelled(const std::string& id, std::map<std::string, std::string> labels, std::vector<int> service_ports) {
  App app = make_app(id, {make_task(id.substr(1) + ".1", "10.0.0.1", {31000, 31001})});
  app.labels = std::move(labels);
  app.labels.emplace("HAPROXY_GROUP", "external");
  app.service_ports = std::move(service_ports);
  return app;
}

Config discovering(std::vector<ServiceConfig> services) {
  Config config = make_config(std::move(services));
  config.listen.port = 3030;
  config.discovery.enabled = true;
  config.discovery.http_port = 80;
  return config;
}

}  // namespace

TEST_CASE("skylr::publish_discovered") {
  Config config = discovering({make_service("legacy", 5000)});
  std::vector<App> apps = {labelled("/b", {{"HAPROXY_0_PORT", "6000"}}, {10001}),
                           labelled("/a", {{"HAPROXY_0_PORT", "6000"}}, {10002}),
                           labelled("/legacy", {{"HAPROXY_0_VHOST", "legacy.example.com"}}, {10003}),
                           labelled("/c", {{"HAPROXY_0_PORT", "5000"}}, {10004}),
                           labelled("/d", {}, {80}),
                           labelled("/two", {{"HAPROXY_1_PORT", "7001"}}, {10005, 10006}),
                           labelled("/x", {{"HAPROXY_0_FRONTEND_HEAD", "x"}}, {10007})};
  std::vector<Problem> problems;
  publish_discovered(config, apps, problems);
  std::vector<std::string> names;
  for (const auto& [name, service] : config.services) names.push_back(name);
  CHECK(names == std::vector<std::string>{"/a:0", "/two:0", "/two:1", "legacy"});
  CHECK(config.services.at("/two:1").port == 7001);
  CHECK(config.services.at("/two:1").port_index == 1);
  REQUIRE(problems.size() == 4);
  CHECK(problems[0].app_id == "/b");
  CHECK(problems[0].kind == ProblemKind::kPortLeftOut);
  CHECK(problems[0].message ==
        "app /b port 0 is not published: port 6000 is already used (by another service, skylrd, the stats page or "
        "a shared frontend)");
  CHECK(problems[1].message ==
        "app /c port 0 is not published: port 5000 is already used (by another service, skylrd, the stats page or "
        "a shared frontend)");
  CHECK(problems[2].message ==
        "app /d port 0 is not published: port 80 is already used (by another service, skylrd, the stats page or "
        "a shared frontend)");
  CHECK(problems[3].app_id == "/x");
}

TEST_CASE("skylr::publish_discovered refuses a port whose HAProxy name another service has") {
  Config config = discovering({make_service("a_b_0", 5000)});
  std::vector<Problem> problems;
  publish_discovered(config, {labelled("/a/b", {}, {10001})}, problems);
  CHECK(config.services.size() == 1);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message == "app /a/b port 0 is not published: its HAProxy name a_b_0 is already that of service a_b_0");
}

TEST_CASE("skylr::publish_discovered does nothing with discovery off") {
  Config config = discovering({});
  config.discovery.enabled = false;
  std::vector<Problem> problems;
  publish_discovered(config, {labelled("/a", {}, {10001})}, problems);
  CHECK(config.services.empty());
  CHECK(problems.empty());
}

TEST_CASE("skylr::discover_app explains an app an explicit service follows") {
  Config config = discovering({make_service("legacy", 5000)});
  AppDiscovery explained = discover_app(config, labelled("/legacy", {}, {10001}));
  CHECK(explained.note == "published as configured in services; its labels are not read");
  CHECK(explained.ports.empty());
  explained = discover_app(config, labelled("/other", {}, {10001, 10002}));
  CHECK(explained.ports.size() == 2);
}

}  // namespace skylr
