#include <csignal>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "fake_clock.h"
#include "fake_control_socket.h"
#include "fake_file_system.h"
#include "fake_process_runner.h"
#include "haproxy/control.h"

namespace skylr {

using haproxy::ControlWarnings;
using haproxy::HaproxyControl;
using haproxy::HaproxyProcessSettings;
using haproxy::make_managed_haproxy;

namespace {

using Argv = std::vector<std::string>;
using Signals = std::vector<std::pair<pid_t, int>>;

// The command line of a HAProxy master serving the test configuration.
const Argv kOurs = {"haproxy", "-W", "-S", "/run/h-master.sock,mode,600", "-f", "/etc/h/haproxy.cfg",
                    "-p", "/run/h.pid"};
using std::chrono::milliseconds;

HaproxyProcessSettings test_settings() {
  HaproxyProcessSettings settings;
  settings.binary = "/usr/sbin/haproxy";
  settings.config_path = "/etc/h/haproxy.cfg";
  settings.users_path = "/etc/h/users.cfg";
  settings.pid_file = "/run/h.pid";
  settings.master_socket = "/run/h-master.sock";
  settings.admin_socket = "/run/h-admin.sock";
  settings.start_timeout = milliseconds(5);
  settings.reload_timeout = milliseconds(5);
  settings.stop_timeout = milliseconds(3);
  settings.poll_interval = milliseconds(1);
  return settings;
}

// A `show proc` answer of HAProxy 2.6 with current workers `workers`.
std::string show_proc(pid_t master, int reloads, int failed, const std::vector<pid_t>& workers) {
  std::string text = "#<PID>          <type>          <reloads>       <uptime>        <version>\n";
  text += fmt::format("{}  master  {} [failed: {}]  0d00h00m09s  2.6.12\n# workers\n", master,
                      reloads, failed);
  for (pid_t worker : workers) text += fmt::format("{}  worker  0  0d00h00m01s  2.6.12\n", worker);
  return text + "# programs\n\n";
}

struct Fixture {
  testing::FakeProcessRunner runner;
  testing::FakeControlSocket socket;
  testing::FakeFileSystem fs;
  testing::FakeClock clock;
  std::unique_ptr<HaproxyControl> haproxy =
      make_managed_haproxy(test_settings(), runner, socket, fs, clock);

  // Starts HAProxy as pid 1000 with worker 1001, and its sockets.
  void start() {
    fs.put("/run/h-master.sock", "");
    fs.put("/run/h-admin.sock", "");
    socket.script("show proc", show_proc(1000, 0, 0, {1001}));
    Result<ControlWarnings> started = haproxy->ensure_running();
    REQUIRE(started.ok());
    CHECK(started->empty());
  }
};

TEST_CASE("skylr::make_managed_haproxy ensure_running") {
  Fixture f;

  SUBCASE("starts the master once, in master-worker mode, and waits until it serves") {
    f.start();
    f.start();
    CHECK(f.runner.spawns() ==
          std::vector<Argv>{{"/usr/sbin/haproxy", "-W", "-S", "/run/h-master.sock,mode,600", "-f",
                             "/etc/h/haproxy.cfg", "-f", "/etc/h/users.cfg", "-p", "/run/h.pid"}});
    CHECK(f.socket.commands() == std::vector<std::string>{"show proc"});
  }

  SUBCASE("restarts a master that died") {
    f.start();
    f.runner.end(1000);
    f.socket.script("show proc", show_proc(1001, 0, 0, {1002}));
    Result<ControlWarnings> started = f.haproxy->ensure_running();
    REQUIRE(started.ok());
    CHECK(*started == ControlWarnings{"HAProxy master 1000 had exited"});
    CHECK(f.runner.spawns().size() == 2);
  }

  SUBCASE("takes over the master named in the pid file") {
    f.fs.put("/run/h.pid", "777\n");
    f.runner.add_process(777, "haproxy", kOurs);
    f.socket.script("show proc", show_proc(777, 3, 0, {778}));
    Result<ControlWarnings> started = f.haproxy->ensure_running();
    REQUIRE(started.ok());
    CHECK(*started == ControlWarnings{"took over the running HAProxy master 777"});
    CHECK(f.runner.spawns().empty());
  }

  SUBCASE("never takes over a pid that is not haproxy") {
    f.fs.put("/run/h.pid", "777\n");
    f.runner.add_process(777, "sleep");
    f.socket.script("show proc", show_proc(1000, 0, 0, {1001}));
    Result<ControlWarnings> started = f.haproxy->ensure_running();
    REQUIRE(started.ok());
    CHECK(*started == ControlWarnings{"pid 777 in /run/h.pid is \"sleep\", not haproxy: not signalled"});
    CHECK(f.runner.spawns().size() == 1);
    CHECK(f.runner.signals().empty());
  }

  SUBCASE("cannot start") {
    f.runner.fail_spawn("cannot start /usr/sbin/haproxy: No such file or directory");
    Result<ControlWarnings> started = f.haproxy->ensure_running();
    REQUIRE_FALSE(started.ok());
    CHECK(started.error().message ==
          "cannot start HAProxy: cannot start /usr/sbin/haproxy: No such file or directory");
  }

  SUBCASE("a master that never answers is stopped again") {
    Result<ControlWarnings> started = f.haproxy->ensure_running();
    REQUIRE_FALSE(started.ok());
    CHECK(started.error().message ==
          "HAProxy did not serve on master socket /run/h-master.sock within 5 ms");
    CHECK(f.runner.signals() == Signals{{1000, SIGUSR1}, {1000, SIGTERM}});
    CHECK_FALSE(f.runner.is_running(1000));
  }
}

TEST_CASE("skylr::make_managed_haproxy reload") {
  Fixture f;
  f.start();

  SUBCASE("a new worker after the master's reload") {
    f.socket.script("reload", std::string());
    f.socket.script("show proc", show_proc(1000, 0, 0, {1001}));  // before, then still old
    f.socket.script("show proc", show_proc(1000, 1, 0, {1002}));
    Result<ControlWarnings> reloaded = f.haproxy->reload();
    REQUIRE(reloaded.ok());
    CHECK(reloaded->empty());
    CHECK(f.socket.commands() ==
          std::vector<std::string>{"show proc", "show proc", "reload", "show proc", "show proc"});
    CHECK(f.runner.signals().empty());
  }

  SUBCASE("HAProxy rejects the configuration") {
    f.socket.script("reload", std::string());
    f.socket.script("show proc", show_proc(1000, 1, 1, {1001}));
    Result<ControlWarnings> reloaded = f.haproxy->reload();
    REQUIRE_FALSE(reloaded.ok());
    CHECK(reloaded.error().message ==
          "HAProxy could not load the new configuration (its master reports a failed reload); "
          "it keeps serving the previous one");
  }

  SUBCASE("no new worker in time") {
    f.socket.script("reload", std::string());
    f.socket.script("show proc", show_proc(1000, 1, 0, {1001}));
    Result<ControlWarnings> reloaded = f.haproxy->reload();
    REQUIRE_FALSE(reloaded.ok());
    CHECK(reloaded.error().message ==
          "HAProxy showed no new worker within 5 ms after the reload (no new worker yet)");
  }

  SUBCASE("the master CLI does not answer") {
    Result<ControlWarnings> reloaded = f.haproxy->reload();
    REQUIRE_FALSE(reloaded.ok());
    CHECK(reloaded.error().message ==
          "cannot ask HAProxy to reload: cannot connect to /run/h-master.sock: Connection refused");
  }

  SUBCASE("a master that is gone is started instead") {
    f.runner.end(1000);
    f.socket.script("show proc", show_proc(1001, 0, 0, {1002}));
    Result<ControlWarnings> reloaded = f.haproxy->reload();
    REQUIRE(reloaded.ok());
    CHECK(*reloaded == ControlWarnings{"HAProxy master 1000 had exited",
                                       "HAProxy was not running: started it instead of a reload"});
    CHECK(f.runner.spawns().size() == 2);
  }
}

TEST_CASE("skylr::make_managed_haproxy stop") {
  Fixture f;

  SUBCASE("nothing started: nothing signalled") {
    CHECK(f.haproxy->stop().ok());
    CHECK(f.runner.signals().empty());
  }

  SUBCASE("soft stop first, then SIGTERM when the master lingers") {
    f.start();
    CHECK(f.haproxy->stop().ok());
    CHECK(f.runner.signals() == Signals{{1000, SIGUSR1}, {1000, SIGTERM}});
    CHECK_FALSE(f.runner.is_running(1000));
  }
}

TEST_CASE("skylr::make_managed_haproxy supervise") {
  Fixture f;

  SUBCASE("before HAProxy was started: reported, nothing started") {
    SupervisionReport report = f.haproxy->supervise();
    CHECK_FALSE(report.serving);
    CHECK(report.problem == "HAProxy has not been started yet");
    CHECK(f.runner.spawns().empty());
  }

  SUBCASE("a serving HAProxy is left alone") {
    f.start();
    SupervisionReport report = f.haproxy->supervise();
    CHECK(report.serving);
    CHECK_FALSE(report.restarted);
    CHECK(report.problem.empty());
    CHECK(f.runner.spawns().size() == 1);
  }

  SUBCASE("a killed master is started again on the files as they are, naming how it ended") {
    f.start();
    f.runner.end(1000, "killed by signal 9 (Killed)");
    f.socket.forget("show proc");
    f.socket.script("show proc", show_proc(1001, 0, 0, {1002}));
    SupervisionReport report = f.haproxy->supervise();
    CHECK(report.serving);
    CHECK(report.restarted);
    CHECK(report.problem == "HAProxy master 1000 killed by signal 9 (Killed)");
    REQUIRE(f.runner.spawns().size() == 2);
    CHECK(f.runner.spawns()[1] == f.runner.spawns()[0]);
    CHECK(f.runner.signals().empty());
  }

  SUBCASE("a master whose socket file is gone is replaced without a gap, then soft-stopped") {
    f.start();
    REQUIRE(f.fs.remove("/run/h-master.sock").ok());
    f.socket.forget("show proc");
    f.socket.script("show proc", show_proc(1001, 0, 0, {1002}));
    SupervisionReport report = f.haproxy->supervise();
    CHECK(report.serving);
    CHECK(report.restarted);
    CHECK(report.problem == "the master socket /run/h-master.sock of HAProxy master 1000 is gone");
    CHECK(f.runner.spawns().size() == 2);
    CHECK(f.runner.signals() == Signals{{1000, SIGUSR1}});
    CHECK(report.warnings ==
          ControlWarnings{"soft-stopped HAProxy 1000, which served /etc/h/haproxy.cfg beside master 1001"});
  }

  SUBCASE("a master CLI that stops answering: the master is replaced") {
    f.start();
    f.socket.forget("show proc");
    f.socket.script("show proc", Error{"cannot connect to /run/h-master.sock: Connection refused"});
    f.socket.script("show proc", show_proc(1001, 0, 0, {1002}));
    SupervisionReport report = f.haproxy->supervise();
    CHECK(report.restarted);
    CHECK(report.problem == "the master CLI of HAProxy master 1000 does not answer: cannot connect to "
                           "/run/h-master.sock: Connection refused");
    CHECK(f.runner.signals() == Signals{{1000, SIGUSR1}});
  }

  SUBCASE("a master without a worker is repaired by a reload") {
    f.start();
    f.socket.forget("show proc");
    f.socket.script("show proc", show_proc(1000, 0, 0, {}));
    f.socket.script("show proc", show_proc(1000, 0, 0, {}));
    f.socket.script("reload", std::string());
    f.socket.script("show proc", show_proc(1000, 1, 0, {1002}));
    SupervisionReport report = f.haproxy->supervise();
    CHECK(report.serving);
    CHECK_FALSE(report.restarted);
    CHECK(report.problem == "HAProxy master 1000 has no worker; reloaded");
    CHECK(f.runner.spawns().size() == 1);
  }

  SUBCASE("an admin socket missing for a second: the master is replaced to bring it back") {
    f.start();
    REQUIRE(f.fs.remove("/run/h-admin.sock").ok());
    SupervisionReport report = f.haproxy->supervise();
    CHECK(report.serving);
    CHECK(report.problem.empty());  // a worker creates it a moment after it starts
    f.clock.advance(milliseconds(1000));
    f.socket.forget("show proc");
    f.socket.script("show proc", show_proc(1000, 0, 0, {1001}));
    f.socket.script("show proc", show_proc(1001, 0, 0, {1002}));
    report = f.haproxy->supervise();
    CHECK(report.restarted);
    CHECK(report.problem == "the admin socket /run/h-admin.sock of HAProxy master 1000 is gone");
    CHECK(f.runner.spawns().size() == 2);
    CHECK(f.runner.signals() == Signals{{1000, SIGUSR1}});
  }
}

TEST_CASE("skylr::make_managed_haproxy one master per configuration") {
  Fixture f;

  SUBCASE("a master found by its command line alone is taken over") {
    f.runner.add_process(777, "haproxy", kOurs);
    f.socket.script("show proc", show_proc(777, 3, 0, {778}));
    Result<ControlWarnings> started = f.haproxy->ensure_running();
    REQUIRE(started.ok());
    CHECK(*started == ControlWarnings{"took over the running HAProxy master 777"});
    CHECK(f.runner.spawns().empty());
  }

  SUBCASE("a master serving the configuration without its master socket is soft-stopped once ours serves") {
    f.fs.put("/run/h.pid", "777\n");
    f.runner.add_process(777, "haproxy", kOurs);
    f.runner.add_process(778, "haproxy", kOurs, 777);  // its worker
    f.socket.script("show proc", show_proc(1000, 0, 0, {1001}));
    Result<ControlWarnings> started = f.haproxy->ensure_running();
    REQUIRE(started.ok());
    CHECK(*started ==
          ControlWarnings{"soft-stopped HAProxy 777, which served /etc/h/haproxy.cfg beside master 1000"});
    CHECK(f.runner.spawns().size() == 1);
    CHECK(f.runner.signals() == Signals{{777, SIGUSR1}});
  }

  SUBCASE("a HAProxy of another configuration is never touched") {
    f.runner.add_process(900, "haproxy", {"haproxy", "-W", "-f", "/etc/other.cfg"});
    f.socket.script("show proc", show_proc(1000, 0, 0, {1001}));
    REQUIRE(f.haproxy->ensure_running().ok());
    CHECK(f.runner.signals().empty());
  }
}

}  // namespace
}  // namespace skylr
