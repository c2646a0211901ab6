#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "fake_clock.h"
#include "fake_file_system.h"
#include "fake_haproxy_control.h"
#include "fake_process_runner.h"
#include "skylr/config_applier.h"

namespace skylr {
namespace {

using Argv = std::vector<std::string>;
using Files = std::map<std::string, std::string>;

constexpr const char* kDestination = "/etc/h/haproxy.cfg";
constexpr const char* kTemp = "/etc/h/.haproxy.cfg.tmp1";

struct Fixture {
  testing::FakeFileSystem fs;
  testing::FakeProcessRunner runner;
  testing::FakeHaproxyControl haproxy;
  testing::FakeClock clock;
  ConfigApplier applier;

  explicit Fixture(ReloadMode mode = ReloadMode::kManaged)
      : applier({kDestination, "/etc/h/users.cfg", "/usr/sbin/haproxy", mode}, fs, runner,
                haproxy, clock) {
    clock.step_on_read(std::chrono::milliseconds(7));
  }
};

TEST_CASE("skylr::ConfigApplier::apply") {
  Fixture f;
  f.fs.put(kDestination, "old");

  SUBCASE("unchanged: no write, no check, no reload; HAProxy kept running") {
    ApplyOutcome outcome = f.applier.apply("old");
    CHECK(outcome.status == ApplyStatus::kUnchanged);
    CHECK(outcome.failed_stage == ApplyStage::kNone);
    CHECK(outcome.duration == std::chrono::milliseconds(7));
    CHECK(f.fs.temp_writes == 0);
    CHECK(f.runner.runs().empty());
    CHECK(f.haproxy.reload_calls == 0);
    CHECK(f.haproxy.ensure_running_calls == 1);
    CHECK(f.applier.counters().unchanged == 1);
  }

  SUBCASE("applied: checked as a temporary file with the users file, renamed, reloaded") {
    f.haproxy.script_reload(ControlWarnings{"a warning"});
    ApplyOutcome outcome = f.applier.apply("new");
    CHECK(outcome.status == ApplyStatus::kApplied);
    CHECK(outcome.message.empty());
    CHECK(outcome.warnings == ControlWarnings{"a warning"});
    CHECK(f.fs.files() == Files{{kDestination, "new"}});
    CHECK(f.runner.runs() ==
          std::vector<Argv>{{"/usr/sbin/haproxy", "-c", "-f", kTemp, "-f", "/etc/h/users.cfg"}});
    CHECK(f.haproxy.reload_calls == 1);
    CHECK(f.applier.counters().applied == 1);
    CHECK(f.applier.counters().last_applied_at.has_value());
    CHECK(f.applier.counters().failed.empty());
  }

  SUBCASE("the first configuration ever") {
    REQUIRE(f.fs.remove(kDestination).ok());
    CHECK(f.applier.apply("new").status == ApplyStatus::kApplied);
    CHECK(f.fs.files() == Files{{kDestination, "new"}});
  }

  SUBCASE("check fails: live file untouched, temporary file removed, HAProxy's words kept") {
    f.runner.script("haproxy", ProcessOutcome{1, false,
                                              "[NOTICE]   (5) : haproxy version is 2.6.12\n"
                                              "[ALERT]    (5) : config : parsing [x:3] : unknown keyword 'y'\n"});
    ApplyOutcome outcome = f.applier.apply("new");
    CHECK(outcome.status == ApplyStatus::kFailed);
    CHECK(outcome.failed_stage == ApplyStage::kCheck);
    CHECK(outcome.message == std::string("haproxy -c rejected ") + kTemp +
                                 " (exit code 1):\n"
                                 "[ALERT]    (5) : config : parsing [x:3] : unknown keyword 'y'");
    CHECK(f.fs.files() == Files{{kDestination, "old"}});
    CHECK(f.haproxy.reload_calls == 0);
    CHECK(f.applier.counters().failed == std::map<ApplyStage, std::uint64_t>{{ApplyStage::kCheck, 1}});
    CHECK(f.applier.counters().last_error == outcome.message);
    CHECK(f.applier.counters().last_error_at.has_value());
  }

  SUBCASE("disk full: live file untouched, nothing checked") {
    f.fs.fail_write = true;
    ApplyOutcome outcome = f.applier.apply("new");
    CHECK(outcome.failed_stage == ApplyStage::kWrite);
    CHECK(outcome.message == std::string("cannot write ") + kTemp + ": No space left on device");
    CHECK(f.fs.files() == Files{{kDestination, "old"}});
    CHECK(f.runner.runs().empty());
    CHECK(f.haproxy.reload_calls == 0);
  }

  SUBCASE("rename fails: live file untouched, temporary file removed") {
    f.fs.fail_rename = true;
    ApplyOutcome outcome = f.applier.apply("new");
    CHECK(outcome.failed_stage == ApplyStage::kWrite);
    CHECK(outcome.message ==
          std::string("cannot rename ") + kTemp + " to " + kDestination + ": Input/output error");
    CHECK(f.fs.files() == Files{{kDestination, "old"}});
    CHECK(f.haproxy.reload_calls == 0);
  }

  SUBCASE("reload fails: the previous content is restored and reloaded") {
    f.haproxy.script_reload(Error{"no new worker"});
    f.haproxy.script_reload(ControlWarnings{});
    ApplyOutcome outcome = f.applier.apply("new");
    CHECK(outcome.failed_stage == ApplyStage::kReload);
    CHECK(outcome.message ==
          "no new worker\nrestored the previous /etc/h/haproxy.cfg and reloaded HAProxy on it");
    CHECK(f.fs.files() == Files{{kDestination, "old"}});
    CHECK(f.haproxy.reload_calls == 2);
    CHECK(f.applier.apply("old").status == ApplyStatus::kUnchanged);
  }

  SUBCASE("reload fails twice: the previous content is restored and tried again next time") {
    f.haproxy.script_reload(Error{"no new worker"});
    f.haproxy.script_reload(Error{"no new worker"});
    f.haproxy.script_reload(ControlWarnings{});
    ApplyOutcome outcome = f.applier.apply("new");
    CHECK(outcome.message ==
          "no new worker\nrestored the previous /etc/h/haproxy.cfg, but reloading HAProxy on it "
          "failed too: no new worker");
    CHECK(f.fs.files() == Files{{kDestination, "old"}});
    CHECK(f.applier.apply("old").status == ApplyStatus::kApplied);
    CHECK(f.haproxy.reload_calls == 3);
    CHECK(f.applier.counters().failed == std::map<ApplyStage, std::uint64_t>{{ApplyStage::kReload, 1}});
  }

  SUBCASE("HAProxy cannot be kept running on an unchanged configuration") {
    f.haproxy.script_ensure_running(Error{"HAProxy exited while starting"});
    ApplyOutcome outcome = f.applier.apply("old");
    CHECK(outcome.failed_stage == ApplyStage::kReload);
    CHECK(outcome.message == "HAProxy exited while starting");
  }
}

TEST_CASE("skylr::ConfigApplier::apply without a previous configuration") {
  Fixture f;
  f.haproxy.script_reload(Error{"no new worker"});
  ApplyOutcome outcome = f.applier.apply("new");
  CHECK(outcome.failed_stage == ApplyStage::kReload);
  CHECK(outcome.message ==
        "no new worker\nremoved /etc/h/haproxy.cfg (there was no previous configuration)");
  CHECK(f.fs.files().empty());
  CHECK(f.haproxy.reload_calls == 1);
}

TEST_CASE("skylr::ConfigApplier::apply in external mode") {
  Fixture f(ReloadMode::kExternal);
  f.fs.put(kDestination, "old");
  CHECK(f.applier.apply("old").status == ApplyStatus::kUnchanged);
  CHECK(f.haproxy.ensure_running_calls == 0);
  CHECK(f.applier.apply("new").status == ApplyStatus::kApplied);
  CHECK(f.haproxy.reload_calls == 1);
}

TEST_CASE("skylr::ConfigApplier::record_render_failure") {
  Fixture f;
  ApplyOutcome outcome = f.applier.record_render_failure("no services");
  CHECK(outcome.status == ApplyStatus::kFailed);
  CHECK(outcome.failed_stage == ApplyStage::kRender);
  CHECK(outcome.duration == std::chrono::milliseconds(7));
  CHECK(f.applier.counters().failed == std::map<ApplyStage, std::uint64_t>{{ApplyStage::kRender, 1}});
  CHECK(f.applier.counters().last_error == "no services");
}

TEST_CASE("skylr::stage_name") {
  const std::pair<ApplyStage, std::string_view> cases[] = {
      {ApplyStage::kNone, "none"},     {ApplyStage::kRender, "render"},
      {ApplyStage::kCheck, "check"},   {ApplyStage::kWrite, "write"},
      {ApplyStage::kReload, "reload"},
  };
  for (const auto& [stage, name] : cases) CHECK(stage_name(stage) == name);
}

TEST_CASE("skylr::apply_settings") {
  Config config;
  config.config_destination = "/etc/h/a.cfg";
  config.users_config_destination = "/etc/h/u.cfg";
  config.haproxy.binary = "/opt/haproxy";
  config.reload.mode = ReloadMode::kExternal;
  ApplySettings settings = apply_settings(config);
  CHECK(settings.config_destination == "/etc/h/a.cfg");
  CHECK(settings.users_config_destination == "/etc/h/u.cfg");
  CHECK(settings.haproxy_binary == "/opt/haproxy");
  CHECK(settings.mode == ReloadMode::kExternal);
}

}  // namespace
}  // namespace skylr
