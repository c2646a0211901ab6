// Managed mode against the real HAProxy: skylrd's apply pipeline starts HAProxy in
// master-worker mode, reloads it through the master CLI, and keeps it serving.
#include <atomic>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "apply/applier.h"
#include "haproxy/show_proc.h"
#include "integration_support.h"
#include "skylr/process_runner.h"

namespace skylr {

using apply::ApplySettings;
using apply::ConfigApplier;
using haproxy::ControlWarnings;
using haproxy::HaproxyControl;
using haproxy::HaproxyProcessSettings;
using haproxy::ProcList;
using haproxy::make_managed_haproxy;
using haproxy::parse_show_proc;

namespace {

using testing::http_get;

// A managed HAProxy fed by a ConfigApplier, all files in one temporary directory.
struct ManagedSetup {
  testing::TempDir dir;
  HaproxyProcessSettings settings;
  ControlSocket& socket = default_control_socket();
  std::unique_ptr<HaproxyControl> haproxy;
  std::unique_ptr<ConfigApplier> applier;
  testing::HaproxyGuard guard;  // declared last: destroyed first, after stop()

  ManagedSetup() {
    settings.binary = SKYLR_HAPROXY;
    settings.config_path = dir.path("haproxy.cfg");
    settings.users_path = dir.path("users.cfg");
    settings.pid_file = dir.path("haproxy.pid");
    settings.master_socket = dir.path("master.sock");
    std::ofstream(settings.users_path) << "userlist test_users\n  user u insecure-password p\n";
    haproxy = make_managed_haproxy(settings, default_process_runner(), socket, default_file_system(), default_clock());
    ApplySettings apply{settings.config_path, settings.users_path, settings.binary, ReloadMode::kManaged,
                        dir.path("skylr-routes.map")};
    applier = std::make_unique<ConfigApplier>(apply, default_file_system(), default_process_runner(),
                                              *haproxy, default_clock());
  }
  ~ManagedSetup() { CHECK(haproxy->stop().ok()); }

  // Applies `config` and guards the master it runs under.
  ApplyOutcome apply(const std::string& config) {
    ApplyOutcome outcome = applier->apply(config);
    guard.add(testing::read_pid_file(settings.pid_file));
    return outcome;
  }

  ProcList show_proc() {
    Result<std::string> answer = socket.command(settings.master_socket, "show proc");
    REQUIRE(answer.ok());
    Result<ProcList> procs = parse_show_proc(*answer);
    REQUIRE(procs.ok());
    return *procs;
  }
};

std::string read_file(const std::string& path) { return *default_file_system().read_file(path); }

TEST_CASE("skylr::ConfigApplier managed: start, reload to a new backend, reject a bad config") {
  auto one = testing::named_backend("one");
  auto two = testing::named_backend("two");
  ManagedSetup setup;
  int port = testing::free_port();

  ApplyOutcome first = setup.apply(testing::proxy_config(port, one->port()));
  REQUIRE_MESSAGE(first.status == ApplyStatus::kApplied, first.message);
  CHECK(http_get(port) == "one");
  ProcList before = setup.show_proc();

  ApplyOutcome second = setup.apply(testing::proxy_config(port, two->port()));
  REQUIRE_MESSAGE(second.status == ApplyStatus::kApplied, second.message);
  CHECK(http_get(port) == "two");
  ProcList after = setup.show_proc();
  CHECK(after.master_pid == before.master_pid);
  CHECK(after.master_reloads == before.master_reloads + 1);
  REQUIRE(!after.workers.empty());
  CHECK(after.workers.front().pid != before.workers.front().pid);

  std::string live = read_file(setup.settings.config_path);
  ApplyOutcome bad = setup.apply(live + "backend broken\n  no_such_keyword\n");
  CHECK(bad.status == ApplyStatus::kFailed);
  CHECK(bad.failed_stage == ApplyStage::kCheck);
  CHECK(bad.message.find("unknown keyword 'no_such_keyword'") != std::string::npos);
  CHECK(read_file(setup.settings.config_path) == live);
  CHECK(http_get(port) == "two");
  CHECK(setup.applier->apply(live).status == ApplyStatus::kUnchanged);
}

TEST_CASE("skylr::ConfigApplier managed: a reload HAProxy fails restores the previous config") {
  auto one = testing::named_backend("one");
  ManagedSetup setup;
  int port = testing::free_port();
  std::string good = testing::proxy_config(port, one->port());
  ApplyOutcome first = setup.apply(good);
  REQUIRE_MESSAGE(first.status == ApplyStatus::kApplied, first.message);

  testing::HeldPort taken;  // passes haproxy -c, but the new process cannot bind it
  ApplyOutcome outcome = setup.apply(
      good + fmt::format("frontend blocked\n  bind 127.0.0.1:{}\n  default_backend test_out\n",
                         taken.port()));
  CHECK(outcome.status == ApplyStatus::kFailed);
  CHECK(outcome.failed_stage == ApplyStage::kReload);
  CHECK_MESSAGE(outcome.message.ends_with(fmt::format(
                    "\nrestored the previous {} and reloaded HAProxy on it", setup.settings.config_path)),
                outcome.message);
  CHECK(read_file(setup.settings.config_path) == good);
  CHECK(http_get(port) == "one");
  CHECK(setup.applier->apply(good).status == ApplyStatus::kUnchanged);
}

TEST_CASE("skylr::ConfigApplier managed: 20 reloads under load lose no request") {
  auto one = testing::named_backend("one");
  auto two = testing::named_backend("two");
  ManagedSetup setup;
  int port = testing::free_port();
  ApplyOutcome first = setup.apply(testing::proxy_config(port, one->port()));
  REQUIRE_MESSAGE(first.status == ApplyStatus::kApplied, first.message);

  std::atomic<bool> stop{false};
  std::atomic<int> served{0};
  std::atomic<int> failed{0};
  std::string first_failure;
  std::thread load([&] {
    while (!stop) {
      std::string body = http_get(port);
      if (body == "one" || body == "two") {
        ++served;
      } else if (failed++ == 0) {
        first_failure = body;
      }
    }
  });
  int applied = 0;
  for (int i = 0; i < 20; ++i) {
    int backend = i % 2 == 0 ? two->port() : one->port();
    ApplyOutcome outcome = setup.apply(testing::proxy_config(port, backend));
    CHECK_MESSAGE(outcome.status == ApplyStatus::kApplied, outcome.message);
    applied += outcome.status == ApplyStatus::kApplied;
  }
  stop = true;
  load.join();
  CHECK(applied == 20);
  CHECK_MESSAGE(failed == 0, first_failure);
  CHECK(served > 20);
  MESSAGE(fmt::format("{} requests served during 20 reloads", served.load()));
}

TEST_CASE("skylr::ConfigApplier managed: a master that cannot start") {
  testing::TempDir dir;
  HaproxyProcessSettings settings;
  settings.binary = SKYLR_HAPROXY;
  settings.config_path = dir.path("haproxy.cfg");
  settings.pid_file = dir.path("haproxy.pid");
  settings.master_socket = dir.path("master.sock");
  std::ofstream(settings.config_path) << "frontend f\n  bind 127.0.0.1:1\n  no_such_keyword\n";
  ControlSocket& socket = default_control_socket();
  auto haproxy = make_managed_haproxy(settings, default_process_runner(), socket, default_file_system(), default_clock());
  Result<ControlWarnings> started = haproxy->ensure_running();
  REQUIRE_FALSE(started.ok());
  CHECK(started.error().message == "HAProxy exited while starting (its messages are in skylrd's log)");
}

}  // namespace
}  // namespace skylr
