#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fake_process_runner.h"
#include "haproxy/check.h"

namespace skylr {

using haproxy::check_haproxy_config;

namespace {

using Argv = std::vector<std::string>;

TEST_CASE("skylr::check_haproxy_config") {
  testing::FakeProcessRunner runner;

  SUBCASE("a valid configuration, with and without a users file") {
    runner.script("haproxy", ProcessOutcome{0, false, "Configuration file is valid\n"});
    CHECK(check_haproxy_config(runner, "/usr/sbin/haproxy", "/etc/h/new.cfg", "/etc/h/users.cfg").ok());
    CHECK(check_haproxy_config(runner, "/usr/sbin/haproxy", "/etc/h/new.cfg", "").ok());
    CHECK(runner.runs() ==
          std::vector<Argv>{
              {"/usr/sbin/haproxy", "-c", "-f", "/etc/h/new.cfg", "-f", "/etc/h/users.cfg"},
              {"/usr/sbin/haproxy", "-c", "-f", "/etc/h/new.cfg"}});
  }

  SUBCASE("rejected: exit code and HAProxy's alerts, without the banner") {
    runner.script("haproxy",
                  ProcessOutcome{1, false,
                                 "[NOTICE]   (9) : haproxy version is 2.6.12\n"
                                 "[ALERT]    (9) : config : parsing [new.cfg:6] : unknown keyword 'x'\n"
                                 "[ALERT]    (9) : config : Fatal errors found in configuration.\n"});
    Status checked = check_haproxy_config(runner, "haproxy", "new.cfg", "");
    REQUIRE_FALSE(checked.ok());
    CHECK(checked.error().message ==
          "haproxy -c rejected new.cfg (exit code 1):\n"
          "[ALERT]    (9) : config : parsing [new.cfg:6] : unknown keyword 'x'\n"
          "[ALERT]    (9) : config : Fatal errors found in configuration.");
  }

  SUBCASE("rejected without a word") {
    runner.script("haproxy", ProcessOutcome{2, false, ""});
    Status checked = check_haproxy_config(runner, "haproxy", "new.cfg", "");
    REQUIRE_FALSE(checked.ok());
    CHECK(checked.error().message == "haproxy -c rejected new.cfg (exit code 2)");
  }

  SUBCASE("killed by a signal") {
    runner.script("haproxy", ProcessOutcome{-1, false, ""});
    Status checked = check_haproxy_config(runner, "haproxy", "new.cfg", "");
    REQUIRE_FALSE(checked.ok());
    CHECK(checked.error().message == "haproxy -c rejected new.cfg (exit code -1)");
  }

  SUBCASE("timed out") {
    runner.script("haproxy", ProcessOutcome{-1, true, ""});
    Status checked = check_haproxy_config(runner, "haproxy", "new.cfg", "");
    REQUIRE_FALSE(checked.ok());
    CHECK(checked.error().message == "haproxy -c did not finish within 10 s checking new.cfg");
  }

  SUBCASE("no such binary") {
    runner.script("x", Error{"cannot start /x: No such file or directory"});
    Status checked = check_haproxy_config(runner, "/x", "new.cfg", "");
    REQUIRE_FALSE(checked.ok());
    CHECK(checked.error().message == "haproxy binary not found: /x");
  }

  SUBCASE("a binary that cannot start for another reason") {
    runner.script("x", Error{"cannot start /x: Permission denied"});
    Status checked = check_haproxy_config(runner, "/x", "new.cfg", "");
    REQUIRE_FALSE(checked.ok());
    CHECK(checked.error().message == "cannot start /x: Permission denied");
  }
}

}  // namespace
}  // namespace skylr
