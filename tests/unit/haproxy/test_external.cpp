#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "fake_file_system.h"
#include "fake_process_runner.h"
#include "haproxy/control.h"

namespace skylr {

using haproxy::ControlWarnings;
using haproxy::HaproxyControl;
using haproxy::HaproxyProcessSettings;
using haproxy::make_external_haproxy;

namespace {

using Argv = std::vector<std::string>;
using std::chrono::milliseconds;

const Argv kStart = {"/usr/sbin/haproxy", "-f", "/etc/h/haproxy.cfg", "-f", "/etc/h/users.cfg",
                     "-p", "/run/h.pid", "-D"};

// The command line of a haproxy process serving the fixture's configuration.
const Argv kOurs = {"haproxy", "-f", "/etc/h/haproxy.cfg", "-p", "/run/h.pid", "-D"};

// kStart followed by `more`.
Argv start_with(const Argv& more) {
  Argv argv = kStart;
  argv.insert(argv.end(), more.begin(), more.end());
  return argv;
}

struct Fixture {
  testing::FakeProcessRunner runner;
  testing::FakeFileSystem fs;
  std::unique_ptr<HaproxyControl> haproxy;

  Fixture() {
    HaproxyProcessSettings settings;
    settings.config_path = "/etc/h/haproxy.cfg";
    settings.users_path = "/etc/h/users.cfg";
    settings.pid_file = "/run/h.pid";
    settings.start_timeout = milliseconds(5);
    haproxy = make_external_haproxy(settings, runner, fs);
  }

  // Makes every run of haproxy behave like a daemon that started as `pid`.
  void haproxy_starts_as(pid_t pid) {
    runner.on_run("haproxy", [this, pid](const Argv&) {
      fs.put("/run/h.pid", std::to_string(pid) + "\n");
      runner.add_process(pid, "haproxy", kOurs);
    });
  }
};

TEST_CASE("skylr::make_external_haproxy reload") {
  Fixture f;
  f.haproxy_starts_as(600);

  SUBCASE("soft-finishes the haproxy processes of the pid file") {
    f.fs.put("/run/h.pid", "500\n501\n");
    f.runner.add_process(500, "haproxy", kOurs);
    f.runner.add_process(501, "haproxy-2.6", kOurs);
    Result<ControlWarnings> reloaded = f.haproxy->reload();
    REQUIRE(reloaded.ok());
    CHECK(reloaded->empty());
    CHECK(f.runner.runs() == std::vector<Argv>{start_with({"-sf", "500", "501"})});
    CHECK(f.runner.signals().empty());
  }

  SUBCASE("a haproxy serving another configuration is never signalled") {
    f.fs.put("/run/h.pid", "700\n");
    f.runner.add_process(700, "haproxy", {"haproxy", "-f", "/etc/other/haproxy.cfg", "-D"});
    Result<ControlWarnings> reloaded = f.haproxy->reload();
    REQUIRE(reloaded.ok());
    CHECK(*reloaded == ControlWarnings{"pid 700 in /run/h.pid is a haproxy that does not run "
                                       "/etc/h/haproxy.cfg: not signalled"});
    CHECK(f.runner.runs() == std::vector<Argv>{kStart});
    CHECK(f.runner.signals().empty());
  }

  SUBCASE("a stale pid file naming another program: that pid is never signalled") {
    f.fs.put("/run/h.pid", "1234\n");
    f.runner.add_process(1234, "sleep");
    Result<ControlWarnings> reloaded = f.haproxy->reload();
    REQUIRE(reloaded.ok());
    CHECK(*reloaded == ControlWarnings{"pid 1234 in /run/h.pid is \"sleep\", not haproxy: not signalled"});
    CHECK(f.runner.runs() == std::vector<Argv>{kStart});
    CHECK(f.runner.signals().empty());
    CHECK(f.runner.is_running(1234));
  }

  SUBCASE("dead pids and a missing pid file: a fresh start, silently") {
    f.fs.put("/run/h.pid", "999\n");
    REQUIRE(f.haproxy->reload().ok());
    CHECK(f.fs.remove("/run/h.pid").ok());
    f.runner.end(600);
    Result<ControlWarnings> reloaded = f.haproxy->reload();
    REQUIRE(reloaded.ok());
    CHECK(reloaded->empty());
    CHECK(f.runner.runs() == std::vector<Argv>{kStart, kStart});
  }

  SUBCASE("words that are not pids are never signalled") {
    f.fs.put("/run/h.pid", "abc -5 0 1x\n");
    Result<ControlWarnings> reloaded = f.haproxy->reload();
    REQUIRE(reloaded.ok());
    CHECK(*reloaded == ControlWarnings{"ignored \"abc\" in /run/h.pid: not a pid",
                                       "ignored \"-5\" in /run/h.pid: not a pid",
                                       "ignored \"0\" in /run/h.pid: not a pid",
                                       "ignored \"1x\" in /run/h.pid: not a pid"});
    CHECK(f.runner.runs() == std::vector<Argv>{kStart});
  }

  SUBCASE("HAProxy fails: its alerts and the skipped pids in the error") {
    f.fs.put("/run/h.pid", "1234\n");
    f.runner.add_process(1234, "sleep");
    f.runner.script("haproxy", ProcessOutcome{1, false,
                                              "[NOTICE]   (7) : haproxy version is 2.6.12\n"
                                              "[ALERT]    (7) : Starting frontend f: cannot bind socket\n"});
    Result<ControlWarnings> reloaded = f.haproxy->reload();
    REQUIRE_FALSE(reloaded.ok());
    CHECK(reloaded.error().message ==
          "HAProxy failed to start (exit code 1):\n"
          "[ALERT]    (7) : Starting frontend f: cannot bind socket\n"
          "pid 1234 in /run/h.pid is \"sleep\", not haproxy: not signalled");
  }

  SUBCASE("HAProxy does not return") {
    f.runner.script("haproxy", ProcessOutcome{-1, true, ""});
    Result<ControlWarnings> reloaded = f.haproxy->reload();
    REQUIRE_FALSE(reloaded.ok());
    CHECK(reloaded.error().message == "HAProxy did not finish starting within 5 ms");
  }

  SUBCASE("no haproxy binary") {
    f.runner.script("haproxy", Error{"cannot start /usr/sbin/haproxy: No such file or directory"});
    Result<ControlWarnings> reloaded = f.haproxy->reload();
    REQUIRE_FALSE(reloaded.ok());
    CHECK(reloaded.error().message ==
          "cannot start HAProxy: cannot start /usr/sbin/haproxy: No such file or directory");
  }
}

TEST_CASE("skylr::make_external_haproxy pid file check") {
  Fixture f;
  f.fs.put("/run/h.pid", "500\n");
  f.runner.add_process(500, "haproxy", kOurs);

  SUBCASE("exit code 0 but the pid file still names the old process") {
    Result<ControlWarnings> reloaded = f.haproxy->reload();
    REQUIRE_FALSE(reloaded.ok());
    CHECK(reloaded.error().message ==
          "HAProxy reported success but /run/h.pid names no new running haproxy process");
  }

  SUBCASE("exit code 0 but the new pid is not running") {
    f.runner.on_run("haproxy", [&](const Argv&) { f.fs.put("/run/h.pid", "601\n"); });
    Result<ControlWarnings> reloaded = f.haproxy->reload();
    REQUIRE_FALSE(reloaded.ok());
    CHECK(reloaded.error().message ==
          "HAProxy reported success but /run/h.pid names no new running haproxy process");
  }
}

TEST_CASE("skylr::make_external_haproxy ensure_running and stop") {
  Fixture f;
  f.haproxy_starts_as(600);

  SUBCASE("a running haproxy is left alone") {
    f.fs.put("/run/h.pid", "500\n");
    f.runner.add_process(500, "haproxy", kOurs);
    Result<ControlWarnings> running = f.haproxy->ensure_running();
    REQUIRE(running.ok());
    CHECK(f.runner.runs().empty());
  }

  SUBCASE("none running: started without -sf") {
    f.fs.put("/run/h.pid", "1234\n");
    f.runner.add_process(1234, "sleep");
    Result<ControlWarnings> running = f.haproxy->ensure_running();
    REQUIRE(running.ok());
    CHECK(*running == ControlWarnings{"pid 1234 in /run/h.pid is \"sleep\", not haproxy: not signalled"});
    CHECK(f.runner.runs() == std::vector<Argv>{kStart});
  }

  SUBCASE("stop leaves HAProxy to whoever started it") {
    f.fs.put("/run/h.pid", "500\n");
    f.runner.add_process(500, "haproxy", kOurs);
    CHECK(f.haproxy->stop().ok());
    CHECK(f.runner.signals().empty());
    CHECK(f.runner.is_running(500));
  }
}

TEST_CASE("skylr::make_external_haproxy supervise") {
  Fixture f;
  f.haproxy_starts_as(600);

  SUBCASE("before the first start: reported, nothing started") {
    SupervisionReport report = f.haproxy->supervise();
    CHECK_FALSE(report.serving);
    CHECK(report.problem == "HAProxy has not been started yet");
    CHECK(f.runner.runs().empty());
  }

  SUBCASE("a HAProxy that died is reported and never started by skylrd") {
    REQUIRE(f.haproxy->ensure_running().ok());
    CHECK(f.haproxy->supervise().serving);
    f.runner.end(600);
    SupervisionReport report = f.haproxy->supervise();
    CHECK_FALSE(report.serving);
    CHECK_FALSE(report.restarted);
    CHECK(report.problem ==
          "no HAProxy running /etc/h/haproxy.cfg is named in /run/h.pid (external mode: skylrd does not "
          "start it; the next change reloads it)");
    CHECK(f.runner.runs().size() == 1);
  }
}

}  // namespace
}  // namespace skylr
