#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "apply/applier.h"
#include "fake_clock.h"
#include "fake_file_system.h"
#include "fake_haproxy_control.h"
#include "fake_process_runner.h"

namespace skylr {

using apply::ApplySettings;
using apply::ConfigApplier;
using apply::RuntimeStep;
using apply::apply_settings;
using haproxy::ControlWarnings;
using haproxy::RuntimeChange;

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
      : applier({kDestination, "/etc/h/users.cfg", "/usr/sbin/haproxy", mode, "/etc/h/skylr-routes.map"}, fs, runner,
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

// Texts that differ from kServing only in servers (kMoved), by a slot appended (kGrown) or
// removed (kShrunk), or outside the servers (kRebound).
constexpr const char* kServing =
    "# service web\nfrontend web\n    bind *:3000\nbackend web_http\n"
    "    server slot-1 10.0.0.1:31000 check\n    server slot-2 0.0.0.0:0 check disabled\n";
constexpr const char* kMoved =
    "# service web (changed comment)\nfrontend web\n    bind *:3000\nbackend web_http\n"
    "    server slot-1 0.0.0.0:0 check disabled\n    server slot-2 10.0.0.2:31001 check\n";
constexpr const char* kGrown =
    "# service web\nfrontend web\n    bind *:3000\nbackend web_http\n"
    "    server slot-1 10.0.0.1:31000 check\n    server slot-2 10.0.0.2:31001 check\n"
    "    server slot-3 0.0.0.0:0 check disabled\n";
constexpr const char* kShrunk =
    "# service web\nfrontend web\n    bind *:3000\nbackend web_http\n"
    "    server slot-1 10.0.0.1:31000 check\n";
constexpr const char* kRebound =
    "# service web\nfrontend web\n    bind *:3001\nbackend web_http\n"
    "    server slot-1 10.0.0.1:31000 check\n    server slot-2 0.0.0.0:0 check disabled\n";

// A runtime step that counts its calls and answers with `answer`.
struct ScriptedStep {
  Result<RuntimeChange> answer = RuntimeChange{};
  int calls = 0;

  RuntimeStep step() {
    return [this] {
      ++calls;
      return answer;
    };
  }
};

TEST_CASE("skylr::ConfigApplier::apply with a runtime step") {
  Fixture f;
  f.fs.put(kDestination, kServing);
  ScriptedStep runtime;

  SUBCASE("only servers changed: written and checked, updated at runtime, no reload") {
    runtime.answer = RuntimeChange{3, {"host x does not resolve"}};
    ApplyOutcome outcome = f.applier.apply(kMoved, runtime.step());
    CHECK(outcome.status == ApplyStatus::kApplied);
    CHECK(outcome.method == ApplyMethod::kRuntime);
    CHECK(outcome.runtime_commands == 3);
    CHECK(outcome.warnings == ControlWarnings{"host x does not resolve"});
    CHECK(outcome.reload_reason == ReloadReason::kNone);
    CHECK(f.fs.files() == Files{{kDestination, kMoved}});
    CHECK(f.runner.runs().size() == 1);
    CHECK(runtime.calls == 1);
    CHECK(f.haproxy.reload_calls == 0);
    CHECK(f.haproxy.ensure_running_calls == 1);
    CHECK(f.applier.counters().runtime_updates == 1);
    CHECK(f.applier.counters().applied == 1);
    CHECK(f.applier.counters().reloads.empty());
    CHECK_FALSE(f.applier.counters().last_reload_at.has_value());
  }
  SUBCASE("unchanged text: the step still runs and repairs drifted servers") {
    runtime.answer = RuntimeChange{2, {}};
    ApplyOutcome outcome = f.applier.apply(kServing, runtime.step());
    CHECK(outcome.status == ApplyStatus::kApplied);
    CHECK(outcome.method == ApplyMethod::kRuntime);
    CHECK(f.fs.temp_writes == 0);
    CHECK(f.runner.runs().empty());
  }
  SUBCASE("unchanged text and nothing to repair: unchanged") {
    ApplyOutcome outcome = f.applier.apply(kServing, runtime.step());
    CHECK(outcome.status == ApplyStatus::kUnchanged);
    CHECK(outcome.method == ApplyMethod::kNone);
    CHECK(runtime.calls == 1);
    CHECK(f.applier.counters().unchanged == 1);
  }
  SUBCASE("the step fails: reload on the new file, with the reason") {
    runtime.answer = Error{"HAProxy refused `x`"};
    ApplyOutcome outcome = f.applier.apply(kMoved, runtime.step());
    CHECK(outcome.status == ApplyStatus::kApplied);
    CHECK(outcome.method == ApplyMethod::kReload);
    CHECK(outcome.reload_reason == ReloadReason::kRuntimeFailed);
    CHECK(outcome.reload_detail == "the runtime update failed: HAProxy refused `x`");
    CHECK(f.fs.files() == Files{{kDestination, kMoved}});
    CHECK(f.haproxy.reload_calls == 1);
    const ApplyCounters& counters = f.applier.counters();
    CHECK(counters.reloads == std::map<ReloadReason, std::uint64_t>{{ReloadReason::kRuntimeFailed, 1}});
    CHECK(counters.last_reload_at.has_value());
    CHECK(counters.last_reload_reason == ReloadReason::kRuntimeFailed);
    CHECK(counters.last_reload_detail == outcome.reload_detail);
    CHECK(counters.runtime_updates == 0);
  }
  SUBCASE("the step fails and so does the reload: the previous file is back") {
    runtime.answer = Error{"read-back differs"};
    f.haproxy.script_reload(Error{"no new worker"});
    f.haproxy.script_reload(ControlWarnings{});
    ApplyOutcome outcome = f.applier.apply(kMoved, runtime.step());
    CHECK(outcome.status == ApplyStatus::kFailed);
    CHECK(outcome.failed_stage == ApplyStage::kReload);
    CHECK(outcome.method == ApplyMethod::kReload);
    CHECK(f.fs.files() == Files{{kDestination, kServing}});
    CHECK(f.applier.counters().reloads == std::map<ReloadReason, std::uint64_t>{{ReloadReason::kRuntimeFailed, 1}});
    CHECK_FALSE(f.applier.counters().last_reload_at.has_value());
  }
  SUBCASE("the check fails: the step is not run, nothing live changes") {
    f.runner.script("haproxy", ProcessOutcome{1, false, "[ALERT] bad\n"});
    ApplyOutcome outcome = f.applier.apply(kMoved, runtime.step());
    CHECK(outcome.status == ApplyStatus::kFailed);
    CHECK(outcome.failed_stage == ApplyStage::kCheck);
    CHECK(outcome.method == ApplyMethod::kNone);
    CHECK(runtime.calls == 0);
    CHECK(f.fs.files() == Files{{kDestination, kServing}});
  }
  SUBCASE("a slot appended: updated at runtime (`add server`), no reload") {
    ApplyOutcome outcome = f.applier.apply(kGrown, runtime.step());
    CHECK(outcome.method == ApplyMethod::kRuntime);
    CHECK(runtime.calls == 1);
    CHECK(f.haproxy.reload_calls == 0);
  }
  SUBCASE("the file is checked and in place before the step runs") {
    std::vector<std::string> live_during_step;
    RuntimeStep step = [&]() -> Result<RuntimeChange> {
      live_during_step.push_back(*f.fs.get(kDestination));
      return RuntimeChange{1, {}};
    };
    CHECK(f.applier.apply(kMoved, step).method == ApplyMethod::kRuntime);
    CHECK(live_during_step == std::vector<std::string>{kMoved});
    CHECK(f.runner.runs().size() == 1);
  }
  SUBCASE("HAProxy cannot be kept running: nothing is written") {
    f.haproxy.script_ensure_running(Error{"HAProxy exited while starting"});
    ApplyOutcome outcome = f.applier.apply(kMoved, runtime.step());
    CHECK(outcome.failed_stage == ApplyStage::kReload);
    CHECK(runtime.calls == 0);
    CHECK(f.fs.files() == Files{{kDestination, kServing}});
  }
  SUBCASE("reload reasons") {
    const struct {
      const char* text;
      bool with_step;
      ReloadReason reason;
      const char* detail;
    } cases[] = {
        {kRebound, true, ReloadReason::kConfigChanged, "frontends, services or options changed"},
        {kShrunk, true, ReloadReason::kSlotsChanged, "server slots were removed or renamed"},
        {kMoved, false, ReloadReason::kNoRuntime,
         "servers changed and no runtime update was offered"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.text);
      Fixture g;
      g.fs.put(kDestination, kServing);
      ApplyOutcome outcome = g.applier.apply(c.text, c.with_step ? runtime.step() : RuntimeStep{});
      CHECK(outcome.status == ApplyStatus::kApplied);
      CHECK(outcome.method == ApplyMethod::kReload);
      CHECK(outcome.reload_reason == c.reason);
      CHECK(outcome.reload_detail == c.detail);
      CHECK(g.haproxy.reload_calls == 1);
    }
    CHECK(runtime.calls == 0);
  }
  SUBCASE("no live file: the first reload") {
    REQUIRE(f.fs.remove(kDestination).ok());
    ApplyOutcome outcome = f.applier.apply(kServing, runtime.step());
    CHECK(outcome.reload_reason == ReloadReason::kInitial);
    CHECK(outcome.reload_detail == "no configuration was live");
    CHECK(runtime.calls == 0);
  }
  SUBCASE("after a failed restore: a recovery reload, even for servers only") {
    f.haproxy.script_reload(Error{"no new worker"});
    f.haproxy.script_reload(Error{"no new worker"});
    f.haproxy.script_reload(ControlWarnings{});
    CHECK(f.applier.apply(kRebound, runtime.step()).status == ApplyStatus::kFailed);
    ApplyOutcome outcome = f.applier.apply(kMoved, runtime.step());
    CHECK(outcome.reload_reason == ReloadReason::kRecovery);
    CHECK(outcome.status == ApplyStatus::kApplied);
    CHECK(runtime.calls == 0);
  }
}

TEST_CASE("skylr::ConfigApplier::apply_servers") {
  Fixture f;
  f.fs.put(kDestination, kServing);
  ScriptedStep runtime;

  SUBCASE("the Runtime API first, then the file, without a check or a reload") {
    std::vector<std::string> live_during_step;
    RuntimeStep step = [&]() -> Result<RuntimeChange> {
      live_during_step.push_back(*f.fs.get(kDestination));
      return RuntimeChange{2, {"host x does not resolve"}};
    };
    ApplyOutcome outcome = f.applier.apply_servers(std::string_view(kMoved), step);
    CHECK(outcome.status == ApplyStatus::kApplied);
    CHECK(outcome.method == ApplyMethod::kRuntime);
    CHECK(outcome.runtime_commands == 2);
    CHECK(outcome.warnings == ControlWarnings{"host x does not resolve"});
    CHECK(live_during_step == std::vector<std::string>{kServing});
    CHECK(f.fs.files() == Files{{kDestination, kMoved}});
    CHECK(f.runner.runs().empty());
    CHECK(f.haproxy.reload_calls == 0);
    CHECK(f.haproxy.ensure_running_calls == 1);
    CHECK(f.applier.counters().runtime_updates == 1);
  }
  SUBCASE("no new text: only the step, nothing written") {
    runtime.answer = RuntimeChange{1, {}};
    ApplyOutcome outcome = f.applier.apply_servers(std::nullopt, runtime.step());
    CHECK(outcome.method == ApplyMethod::kRuntime);
    CHECK(f.fs.temp_writes == 0);
    CHECK(f.fs.files() == Files{{kDestination, kServing}});
  }
  SUBCASE("no new text and nothing to do: unchanged") {
    ApplyOutcome outcome = f.applier.apply_servers(std::nullopt, runtime.step());
    CHECK(outcome.status == ApplyStatus::kUnchanged);
    CHECK(runtime.calls == 1);
  }
  SUBCASE("the step fails: the text is checked, installed and HAProxy reloaded") {
    runtime.answer = Error{"HAProxy refused `x`"};
    ApplyOutcome outcome = f.applier.apply_servers(std::string_view(kMoved), runtime.step());
    CHECK(outcome.status == ApplyStatus::kApplied);
    CHECK(outcome.method == ApplyMethod::kReload);
    CHECK(outcome.reload_reason == ReloadReason::kRuntimeFailed);
    CHECK(outcome.reload_detail == "the runtime update failed: HAProxy refused `x`");
    CHECK(f.runner.runs().size() == 1);
    CHECK(f.fs.files() == Files{{kDestination, kMoved}});
    CHECK(f.haproxy.reload_calls == 1);
  }
  SUBCASE("the step fails and the check rejects the text: nothing live changes") {
    runtime.answer = Error{"HAProxy refused `x`"};
    f.runner.script("haproxy", ProcessOutcome{1, false, "[ALERT] bad\n"});
    ApplyOutcome outcome = f.applier.apply_servers(std::string_view(kMoved), runtime.step());
    CHECK(outcome.status == ApplyStatus::kFailed);
    CHECK(outcome.failed_stage == ApplyStage::kCheck);
    CHECK(f.fs.files() == Files{{kDestination, kServing}});
    CHECK(f.haproxy.reload_calls == 0);
  }
  SUBCASE("the step fails without new text: HAProxy reloads on the file it has") {
    runtime.answer = Error{"read-back differs"};
    ApplyOutcome outcome = f.applier.apply_servers(std::nullopt, runtime.step());
    CHECK(outcome.method == ApplyMethod::kReload);
    CHECK(outcome.reload_reason == ReloadReason::kRuntimeFailed);
    CHECK(f.fs.files() == Files{{kDestination, kServing}});
  }
  SUBCASE("the write fails after the step: HAProxy serves the change, the outcome says the file is behind") {
    runtime.answer = RuntimeChange{2, {}};
    f.fs.fail_write = true;
    ApplyOutcome outcome = f.applier.apply_servers(std::string_view(kMoved), runtime.step());
    CHECK(outcome.status == ApplyStatus::kFailed);
    CHECK(outcome.failed_stage == ApplyStage::kWrite);
    CHECK(outcome.message.find("HAProxy serves the change, but writing /etc/h/haproxy.cfg failed") == 0);
    CHECK(f.fs.files() == Files{{kDestination, kServing}});
    CHECK(f.haproxy.reload_calls == 0);
  }
  SUBCASE("HAProxy cannot be kept running: no step, nothing written") {
    f.haproxy.script_ensure_running(Error{"HAProxy exited while starting"});
    ApplyOutcome outcome = f.applier.apply_servers(std::string_view(kMoved), runtime.step());
    CHECK(outcome.failed_stage == ApplyStage::kReload);
    CHECK(runtime.calls == 0);
    CHECK(f.fs.files() == Files{{kDestination, kServing}});
  }
}

TEST_CASE("skylr::ConfigApplier::apply_certificates") {
  Fixture f;
  f.fs.put(kDestination, kServing);
  ScriptedStep runtime;
  const std::vector<Argv> check_of_live = {{"/usr/sbin/haproxy", "-c", "-f", kDestination, "-f", "/etc/h/users.cfg"}};

  SUBCASE("no live configuration: nothing is done (HAProxy loads the certificates when it starts)") {
    REQUIRE(f.fs.remove(kDestination).ok());
    for (bool reload : {false, true}) {
      CAPTURE(reload);
      ApplyOutcome outcome = f.applier.apply_certificates(reload, runtime.step());
      CHECK(outcome.status == ApplyStatus::kUnchanged);
      CHECK(outcome.method == ApplyMethod::kNone);
    }
    CHECK(runtime.calls == 0);
    CHECK(f.runner.runs().empty());
    CHECK(f.haproxy.ensure_running_calls == 0);
    CHECK(f.haproxy.reload_calls == 0);
  }
  SUBCASE("the crt-list changed and `haproxy -c` rejects the live file: failed at the check, no reload") {
    f.runner.script("haproxy", ProcessOutcome{1, false, "[ALERT] unable to load certificate\n"});
    ApplyOutcome outcome = f.applier.apply_certificates(true, runtime.step());
    CHECK(outcome.status == ApplyStatus::kFailed);
    CHECK(outcome.failed_stage == ApplyStage::kCheck);
    CHECK(outcome.message == std::string("haproxy -c rejected ") + kDestination +
                                 " (exit code 1):\n[ALERT] unable to load certificate");
    CHECK(f.runner.runs() == check_of_live);
    CHECK(runtime.calls == 0);
    CHECK(f.haproxy.reload_calls == 0);
    CHECK(f.fs.files() == Files{{kDestination, kServing}});
    CHECK(f.applier.counters().failed == std::map<ApplyStage, std::uint64_t>{{ApplyStage::kCheck, 1}});
  }
  SUBCASE("the step fails and `haproxy -c` rejects the live file: failed at the check, no reload") {
    runtime.answer = Error{"HAProxy refused `set ssl cert /s/a.pem <<`: x"};
    f.runner.script("haproxy", ProcessOutcome{1, false, "[ALERT] unable to load certificate\n"});
    ApplyOutcome outcome = f.applier.apply_certificates(false, runtime.step());
    CHECK(outcome.status == ApplyStatus::kFailed);
    CHECK(outcome.failed_stage == ApplyStage::kCheck);
    CHECK(runtime.calls == 1);
    CHECK(f.runner.runs() == check_of_live);
    CHECK(f.haproxy.reload_calls == 0);
  }
  SUBCASE("HAProxy cannot be kept running: no step, no reload") {
    f.haproxy.script_ensure_running(Error{"HAProxy exited while starting"});
    ApplyOutcome outcome = f.applier.apply_certificates(false, runtime.step());
    CHECK(outcome.status == ApplyStatus::kFailed);
    CHECK(outcome.failed_stage == ApplyStage::kReload);
    CHECK(outcome.message == "HAProxy exited while starting");
    CHECK(runtime.calls == 0);
    CHECK(f.haproxy.reload_calls == 0);
  }
}

TEST_CASE("skylr::reload_reason_name") {
  const std::pair<ReloadReason, std::string_view> cases[] = {
      {ReloadReason::kNone, "none"},
      {ReloadReason::kInitial, "initial"},
      {ReloadReason::kRecovery, "recovery"},
      {ReloadReason::kConfigChanged, "config_changed"},
      {ReloadReason::kSlotsChanged, "slots_changed"},
      {ReloadReason::kRuntimeFailed, "runtime_failed"},
      {ReloadReason::kNoRuntime, "no_runtime"},
      {ReloadReason::kCertificates, "certificates"},
  };
  for (const auto& [reason, name] : cases) CHECK(reload_reason_name(reason) == name);
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

TEST_CASE("skylr::apply_status_name and apply_method_name") {
  CHECK(apply_status_name(ApplyStatus::kUnchanged) == "unchanged");
  CHECK(apply_status_name(ApplyStatus::kApplied) == "applied");
  CHECK(apply_status_name(ApplyStatus::kFailed) == "failed");
  CHECK(apply_method_name(ApplyMethod::kNone) == "none");
  CHECK(apply_method_name(ApplyMethod::kRuntime) == "runtime");
  CHECK(apply_method_name(ApplyMethod::kReload) == "reload");
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
