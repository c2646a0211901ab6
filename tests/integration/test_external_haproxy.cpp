// External mode against the real HAProxy: HAProxy daemonised by the test itself, then
// reloaded by skylr with -sf; a pid file naming another program never gets it signalled.
#include <csignal>
#include <fstream>
#include <memory>
#include <string>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "apply/applier.h"
#include "integration_support.h"
#include "skylr/process_runner.h"

namespace skylr {

using apply::ConfigApplier;
using haproxy::ControlWarnings;
using haproxy::HaproxyProcessSettings;
using haproxy::make_external_haproxy;

namespace {

using testing::http_get;

// Settings for an HAProxy whose files live in `dir`.
HaproxyProcessSettings external_settings(const testing::TempDir& dir) {
  HaproxyProcessSettings settings;
  settings.binary = SKYLR_HAPROXY;
  settings.config_path = dir.path("haproxy.cfg");
  settings.pid_file = dir.path("haproxy.pid");
  return settings;
}

TEST_CASE("skylr::make_external_haproxy with the real HAProxy: reloaded with -sf to a new process") {
  auto one = testing::named_backend("one");
  auto two = testing::named_backend("two");
  testing::TempDir dir;
  testing::HaproxyGuard guard;
  HaproxyProcessSettings settings = external_settings(dir);
  int port = testing::free_port();
  std::ofstream(settings.config_path) << testing::proxy_config(port, one->port());
  Result<ProcessOutcome> started = default_process_runner().run(
      {settings.binary, "-f", settings.config_path, "-p", settings.pid_file, "-D"},
      std::chrono::seconds(10));
  pid_t old_pid = testing::read_pid_file(settings.pid_file);
  guard.add(old_pid);
  REQUIRE(started.ok());
  REQUIRE_MESSAGE(started->exit_code == 0, started->output);
  CHECK(http_get(port) == "one");

  auto haproxy = make_external_haproxy(settings, default_process_runner(), default_file_system());
  ConfigApplier applier({settings.config_path, "", settings.binary, ReloadMode::kExternal, ""},
                        default_file_system(), default_process_runner(), *haproxy, default_clock());
  ApplyOutcome outcome = applier.apply(testing::proxy_config(port, two->port()));
  pid_t new_pid = testing::read_pid_file(settings.pid_file);
  guard.add(new_pid);
  REQUIRE_MESSAGE(outcome.status == ApplyStatus::kApplied, outcome.message);
  CHECK(outcome.warnings.empty());
  CHECK(new_pid != old_pid);
  CHECK(default_process_runner().executable_name(new_pid).value() == "haproxy");
  CHECK(http_get(port) == "two");
  CHECK(testing::wait_for_exit(old_pid, std::chrono::seconds(5)));  // soft-finished by -sf
}

TEST_CASE("skylr::make_external_haproxy with the real HAProxy: a pid file naming another program") {
  auto one = testing::named_backend("one");
  testing::TempDir dir;
  testing::HaproxyGuard guard;
  HaproxyProcessSettings settings = external_settings(dir);
  int port = testing::free_port();
  std::ofstream(settings.config_path) << testing::proxy_config(port, one->port());
  ProcessRunner& runner = default_process_runner();
  Result<pid_t> sleeper = runner.spawn({"sleep", "30"});
  REQUIRE(sleeper.ok());
  std::ofstream(settings.pid_file) << *sleeper << "\n";

  auto haproxy = make_external_haproxy(settings, runner, default_file_system());
  Result<ControlWarnings> reloaded = haproxy->reload();
  guard.add(testing::read_pid_file(settings.pid_file));
  bool sleeper_alive = runner.is_running(*sleeper);
  (void)runner.send_signal(*sleeper, SIGKILL);
  CHECK(testing::wait_for_exit(*sleeper, std::chrono::seconds(2)));

  REQUIRE_MESSAGE(reloaded.ok(), (reloaded.ok() ? "" : reloaded.error().message));
  CHECK(sleeper_alive);
  CHECK(*reloaded == ControlWarnings{fmt::format("pid {} in {} is \"sleep\", not haproxy: not signalled",
                                                 *sleeper, settings.pid_file)});
  CHECK(testing::read_pid_file(settings.pid_file) != *sleeper);
  CHECK(http_get(port) == "one");
}

}  // namespace
}  // namespace skylr
