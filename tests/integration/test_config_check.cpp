// check_haproxy_config against the real HAProxy.
#include <fstream>
#include <string>

#include <doctest/doctest.h>

#include "haproxy/check.h"
#include "integration_support.h"
#include "skylr/process_runner.h"

namespace skylr {

using haproxy::check_haproxy_config;

namespace {

TEST_CASE("skylr::check_haproxy_config with the real HAProxy") {
  testing::TempDir dir;
  std::string config = dir.path("haproxy.cfg");
  std::string users = dir.path("users.cfg");
  std::ofstream(users) << "userlist test_users\n  user u insecure-password p\n";
  ProcessRunner& runner = default_process_runner();

  SUBCASE("valid, with the users file it refers to") {
    std::ofstream(config) << testing::proxy_config(testing::free_port(), 1)
                          << "  acl auth_ok http_auth(test_users)\n"
                          << "  http-request auth if !auth_ok\n";
    CHECK(check_haproxy_config(runner, SKYLR_HAPROXY, config, users).ok());
    Status without_users = check_haproxy_config(runner, SKYLR_HAPROXY, config, "");
    REQUIRE_FALSE(without_users.ok());
    CHECK(without_users.error().message.find("unable to find userlist 'test_users'") !=
          std::string::npos);
  }

  SUBCASE("invalid: HAProxy's alert in the message, without the banner") {
    std::ofstream(config) << "frontend f\n  no_such_keyword\n";
    Status checked = check_haproxy_config(runner, SKYLR_HAPROXY, config, "");
    REQUIRE_FALSE(checked.ok());
    CHECK(checked.error().message.starts_with("haproxy -c rejected " + config + " (exit code 1):\n"));
    CHECK(checked.error().message.find("unknown keyword 'no_such_keyword'") != std::string::npos);
    CHECK(checked.error().message.find("[NOTICE]") == std::string::npos);
  }

  SUBCASE("no such binary") {
    Status checked = check_haproxy_config(runner, dir.path("haproxy"), config, "");
    REQUIRE_FALSE(checked.ok());
    CHECK(checked.error().message == "haproxy binary not found: " + dir.path("haproxy"));
  }
}

}  // namespace
}  // namespace skylr
