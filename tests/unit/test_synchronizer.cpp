#include "skylr/synchronizer.h"

#include <doctest/doctest.h>

#include "fake_clock.h"
#include "fake_file_system.h"
#include "fake_haproxy_control.h"
#include "fake_http_client.h"
#include "fake_process_runner.h"
#include "test_configs.h"

namespace skylr {
namespace {

constexpr const char* kDestination = "/etc/h/haproxy.cfg";
constexpr const char* kOrigin = "http://m1:8080";
constexpr const char* kApps = R"({"apps":[{"id":"/web","tasks":[
  {"id":"web.1","host":"10.0.0.1","ports":[31000],"state":"TASK_RUNNING"}]}]})";

Config test_config() {
  Config config = testing::config_with_service("web");
  config.marathon_hosts = {MarathonEndpoint{"http", "m1", 8080, ""}};
  config.config_destination = kDestination;
  return config;
}

struct Fixture {
  Config config = test_config();
  testing::FakeHttpClient http;
  testing::FakeFileSystem fs;
  testing::FakeProcessRunner runner;
  testing::FakeHaproxyControl haproxy;
  testing::FakeClock clock;
  MarathonClient marathon{config.marathon_hosts, std::nullopt, http};
  ConfigApplier applier{apply_settings(config), fs, runner, haproxy, clock};

  Fixture() { fs.put(kDestination, "old config"); }
};

}  // namespace

TEST_CASE("skylr::synchronize") {
  Fixture f;

  SUBCASE("Marathon's apps become the live config") {
    f.http.answer(kOrigin, 200, kApps);
    SyncReport report = synchronize(f.config, f.marathon, f.applier, f.clock);
    CHECK_FALSE(report.fetch_error.has_value());
    REQUIRE(report.model.services.size() == 1);
    CHECK(report.model.services[0].servers.size() == 1);
    CHECK(report.apply.status == ApplyStatus::kApplied);
    auto live = f.fs.get(kDestination);
    REQUIRE(live.has_value());
    CHECK(live->find("10.0.0.1:31000") != std::string::npos);
  }

  SUBCASE("Marathon down: nothing applied, the last good config stays") {
    SyncReport report = synchronize(f.config, f.marathon, f.applier, f.clock);
    REQUIRE(report.fetch_error.has_value());
    CHECK(*report.fetch_error == "no Marathon answered: http://m1:8080: cannot connect");
    CHECK(f.fs.get(kDestination) == "old config");
    CHECK(f.haproxy.reload_calls == 0);
  }

  SUBCASE("garbage from Marathon: nothing applied") {
    f.http.answer(kOrigin, 200, R"({"apps":[{"id":7}]})");
    SyncReport report = synchronize(f.config, f.marathon, f.applier, f.clock);
    REQUIRE(report.fetch_error.has_value());
    CHECK(report.fetch_error->find("apps[0].id: expected a string, got 7") != std::string::npos);
    CHECK(f.fs.get(kDestination) == "old config");
  }
}

}  // namespace skylr
