#include <csignal>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "fake_clock.h"
#include "fake_process_runner.h"
#include "haproxy/process.h"

namespace skylr {

using haproxy::HaproxyProcessSettings;
using haproxy::haproxy_config_args;
using haproxy::poll_until;
using haproxy::stop_haproxy_process;
using haproxy::with_warnings;

namespace {

using std::chrono::milliseconds;

TEST_CASE("skylr::poll_until") {
  struct Case {
    milliseconds timeout;
    milliseconds interval;
    int done_on_call;  // 0: never
    bool expected;
    int expected_calls;
  };
  const Case cases[] = {
      {milliseconds(5), milliseconds(1), 0, false, 5},
      {milliseconds(5), milliseconds(1), 3, true, 3},
      {milliseconds(5), milliseconds(1), 1, true, 1},
      {milliseconds(0), milliseconds(1), 0, false, 1},
      {milliseconds(3), milliseconds(0), 0, false, 3},
  };
  for (const Case& c : cases) {
    CAPTURE(c.timeout.count());
    CAPTURE(c.interval.count());
    testing::FakeClock clock;
    int calls = 0;
    bool done = poll_until(clock, c.timeout, c.interval, [&] { return ++calls == c.done_on_call; });
    CHECK(done == c.expected);
    CHECK(calls == c.expected_calls);
    CHECK(clock.now() - std::chrono::steady_clock::time_point{} == c.interval * (calls - 1));
  }
}

TEST_CASE("skylr::stop_haproxy_process") {
  testing::FakeProcessRunner runner;
  testing::FakeClock clock;
  HaproxyProcessSettings settings;
  settings.stop_timeout = milliseconds(2);
  settings.poll_interval = milliseconds(1);
  using Signals = std::vector<std::pair<pid_t, int>>;

  SUBCASE("a process that is gone is not signalled") {
    CHECK(stop_haproxy_process(runner, clock, 4242, settings).ok());
    CHECK(runner.signals().empty());
  }

  SUBCASE("SIGTERM after an ignored soft stop") {
    Result<pid_t> pid = runner.spawn({"haproxy"});
    REQUIRE(pid.ok());
    CHECK(stop_haproxy_process(runner, clock, *pid, settings).ok());
    CHECK(runner.signals() == Signals{{*pid, SIGUSR1}, {*pid, SIGTERM}});
  }
}

TEST_CASE("skylr::haproxy_config_args") {
  HaproxyProcessSettings settings;
  settings.config_path = "/a.cfg";
  CHECK(haproxy_config_args(settings) == std::vector<std::string>{"-f", "/a.cfg"});
  settings.users_path = "/u.cfg";
  CHECK(haproxy_config_args(settings) == std::vector<std::string>{"-f", "/a.cfg", "-f", "/u.cfg"});
}

TEST_CASE("skylr::with_warnings") {
  CHECK(with_warnings(Error{"failed"}, {}).message == "failed");
  CHECK(with_warnings(Error{"failed"}, {"one", "two"}).message == "failed\none\ntwo");
}

}  // namespace
}  // namespace skylr
