// Spare backends and the updates that avoid a reload: a new port without a port of its
// own takes a spare's backend, one that goes is retired (parked, no routes), and a full
// publish carries both over.
#include <doctest/doctest.h>

#include "model/backends.h"
#include "model/model_fixtures.h"
#include "skylr/discovery.h"

namespace skylr {
namespace {

App vhost_app(const std::string& id, const std::string& host) {
  App app = make_app(id, {make_task(id.substr(1) + ".1", "10.0.0.1", {31000})});
  app.labels = {{"HAPROXY_GROUP", "external"}, {"HAPROXY_0_VHOST", host}};
  app.service_ports = {0};
  return app;
}

Config with_spares(int spares) {
  Config config;
  config.discovery.enabled = true;
  config.discovery.spare_backends = spares;
  return config;
}

std::vector<std::string> names_of(const Config& config, ServiceOrigin origin) {
  std::vector<std::string> names;
  for (const auto& [name, service] : config.services) {
    if (service.origin == origin) names.push_back(name);
  }
  return names;
}

}  // namespace

TEST_CASE("skylr::add_spare_backends") {
  Config config = with_spares(2);
  add_spare_backends(config);
  CHECK(names_of(config, ServiceOrigin::kSpare) == std::vector<std::string>{"skylr:spare-1", "skylr:spare-2"});
  CHECK(model::backend_role(config.services.at("skylr:spare-1")).name == "skylr_spare-1_http");
  config.services.erase("skylr:spare-1");
  add_spare_backends(config);  // topped up with the lowest free name
  CHECK(names_of(config, ServiceOrigin::kSpare) == std::vector<std::string>{"skylr:spare-1", "skylr:spare-2"});
  Config off = with_spares(2);
  off.discovery.enabled = false;
  add_spare_backends(off);
  CHECK(off.services.empty());
}

TEST_CASE("skylr::update_discovered") {
  std::vector<Problem> problems;
  Config served = publish_all(with_spares(1), {vhost_app("/a", "a.example.com")}, problems);
  REQUIRE(served.services.count("/a:0") == 1);

  SUBCASE("a new vhost takes a spare's backend; with none left, it gets its own") {
    DiscoveryUpdate update = update_discovered(served, {vhost_app("/b", "b.example.com")}, {"/b"}, problems);
    CHECK(update.took_spare == std::vector<std::pair<std::string, std::string>>{{"skylr:spare-1", "/b:0"}});
    CHECK(served.services.at("/b:0").backend_name == "skylr_spare-1_http");
    CHECK(names_of(served, ServiceOrigin::kSpare).empty());
    update = update_discovered(served, {vhost_app("/c", "c.example.com")}, {"/c"}, problems);
    CHECK(update.took_spare.empty());
    CHECK(model::backend_role(served.services.at("/c:0")).name == "c_0_http");
    // A label change keeps the backend it took.
    CHECK(update.routes_changed);
    update = update_discovered(served, {vhost_app("/b", "b.example.com")}, {"/b"}, problems);
    CHECK_FALSE(update.routes_changed);  // a read of an app whose labels did not change (a task moved)
    update = update_discovered(served, {vhost_app("/b", "b2.example.com")}, {"/b"}, problems);
    CHECK(update.routes_changed);
    CHECK(served.services.at("/b:0").backend_name == "skylr_spare-1_http");
    CHECK(served.services.at("/b:0").vhosts == std::vector<std::string>{"b2.example.com"});
  }
  SUBCASE("a vhost that goes is retired under its backend; it comes back in it") {
    DiscoveryUpdate update = update_discovered(served, {}, {"/a"}, problems);
    CHECK(update.removed.empty());
    const ServiceConfig& gone = served.services.at("/a:0");
    CHECK(gone.origin == ServiceOrigin::kRetired);
    CHECK(gone.vhosts.empty());
    CHECK(gone.backend_name == "a_0_http");
    update_discovered(served, {vhost_app("/a", "a.example.com")}, {"/a"}, problems);
    CHECK(served.services.at("/a:0").origin == ServiceOrigin::kLabels);
    CHECK(served.services.at("/a:0").vhosts == std::vector<std::string>{"a.example.com"});
  }
  SUBCASE("a port of its own that goes is removed") {
    App own = vhost_app("/p", "p.example.com");
    own.service_ports = {10001};
    own.labels.erase("HAPROXY_0_VHOST");
    update_discovered(served, {own}, {"/p"}, problems);
    CHECK(served.services.at("/p:0").port == 10001);
    DiscoveryUpdate update = update_discovered(served, {}, {"/p"}, problems);
    CHECK(update.removed == std::vector<std::string>{"/p:0"});
    CHECK(served.services.count("/p:0") == 0);
  }
}

TEST_CASE("skylr::carry_over") {
  std::vector<Problem> problems;
  Config previous = publish_all(with_spares(2), {vhost_app("/a", "a.example.com")}, problems);
  update_discovered(previous, {vhost_app("/b", "b.example.com")}, {"/b"}, problems);  // /b took spare-1

  // A full publish of /b and a new /c (no /a any more), carried over what HAProxy serves.
  Config fresh = publish_all(with_spares(2), {vhost_app("/b", "b.example.com"), vhost_app("/c", "c.example.com")},
                             problems);
  CHECK(fresh.services.at("/b:0").backend_name.empty());  // fresh: its own backend
  CHECK(carry_over(fresh, previous) == std::vector<std::pair<std::string, std::string>>{{"skylr:spare-2", "/c:0"}});
  CHECK(fresh.services.at("/b:0").backend_name == "skylr_spare-1_http");
  CHECK(fresh.services.at("/c:0").backend_name == "skylr_spare-2_http");  // took the other spare
  CHECK(fresh.services.at("/a:0").origin == ServiceOrigin::kRetired);
  CHECK(names_of(fresh, ServiceOrigin::kSpare).empty());
}

}  // namespace skylr
