// A state whose configuration HAProxy's check rejects: the live configuration and the
// traffic stay as they were, /status says why, and the next event after the cause is
// gone applies the state.
#include <sys/stat.h>

#include <cstdio>
#include <fstream>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "e2e_stack.h"

namespace skylr::e2e {
namespace {

// Writes to `dir`/haproxy a wrapper of the real HAProxy whose `-c` fails while the file
// `flag` exists; returns its path.
std::string write_refusing_haproxy(const testing::TempDir& dir, const std::string& flag) {
  std::string path = dir.path("haproxy");
  std::ofstream(path) << fmt::format(
      "#!/bin/sh\n"
      "# The real HAProxy, except that -c fails while {0} exists.\n"
      "for arg in \"$@\"; do\n"
      "  if [ \"$arg\" = -c ] && [ -e '{0}' ]; then echo 'refused by the test' >&2; exit 1; fi\n"
      "done\n"
      "exec '{1}' \"$@\"\n",
      flag, SKYLR_HAPROXY);
  REQUIRE(::chmod(path.c_str(), 0755) == 0);
  return path;
}

TEST_CASE("skylrd e2e: a configuration haproxy -c rejects leaves HAProxy and traffic untouched") {
  testing::TempDir tools;
  std::string flag = tools.path("refuse");
  SkylrdSettings settings{.haproxy_binary = write_refusing_haproxy(tools, flag)};
  Stack stack(2, settings);
  INFO("skylrd log:\n", stack.skylrd.log());
  REQUIRE(stack.in_sync());
  std::ofstream(flag) << "on\n";

  // A change of servers only goes through the Runtime API first: no check is needed.
  stack.sim.scale(3);
  CHECK(stack.await_traffic(3, 5s) == "");
  CHECK(stack.skylrd.last_apply("method") == "runtime");
  std::set<std::string> before = stack.sim.running_tasks();
  std::string live = stack.skylrd.live_config();

  // A new option needs a reload, and a reload needs the check.
  settings.timeout_client_ms = 31000;
  stack.skylrd.reconfigure(settings);
  CHECK(testing::wait_until([&] { return stack.skylrd.last_apply("status") == "failed"; }, 5s));
  CHECK(stack.skylrd.last_apply("stage") == "check");
  CHECK(stack.skylrd.last_apply("message").find("refused by the test") != std::string::npos);
  CHECK(stack.skylrd.metric("skylr_applies_total", R"(result="failed_check")") >= 1);
  CHECK(stack.skylrd.get("/health").status == 503);
  CHECK(stack.skylrd.live_config() == live);
  CHECK(await_traffic(stack.skylrd.service_port(), before, 2s) == "");

  REQUIRE(std::remove(flag.c_str()) == 0);
  std::string task = *stack.sim.running_tasks().begin();
  CHECK(stack.skylrd.post_event(status_update_event(task)).status == 200);
  CHECK(testing::wait_until([&] { return stack.skylrd.last_apply("status") == "applied"; }, 5s));
  CHECK(stack.skylrd.live_config().find("timeout client 31000ms") != std::string::npos);
  CHECK(stack.await_traffic(3, 5s) == "");
  CHECK(stack.in_sync());
}

}  // namespace
}  // namespace skylr::e2e
