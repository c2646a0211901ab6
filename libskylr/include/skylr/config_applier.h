// ConfigApplier: the apply pipeline. It takes a rendered HAProxy configuration and makes
// it live safely: unchanged text is a no-op; otherwise the text is written to a temporary
// file beside the destination, checked with `haproxy -c`, renamed over the destination
// and HAProxy is reloaded. When the new text differs from the live one only in its
// servers' addresses and states and the caller offers a runtime step, the file is
// written and checked the same way, then the step updates the running HAProxy through
// its Runtime API instead of a reload; when the step fails, HAProxy is reloaded. Nothing
// reaches HAProxy that `haproxy -c` rejected, and whatever fails, the last good
// configuration stays live. It keeps counters for /health, /status and /metrics.
// Thread-compatible: the caller serialises calls.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "skylr/clock.h"
#include "skylr/config.h"
#include "skylr/file_system.h"
#include "skylr/haproxy_control.h"
#include "skylr/process_runner.h"

namespace skylr {

// Where the configuration goes and which HAProxy checks it.
struct ApplySettings {
  std::string config_destination;
  std::string users_config_destination;  // empty: no users file
  std::string haproxy_binary = "/usr/sbin/haproxy";
  ReloadMode mode = ReloadMode::kManaged;
};

// The settings a Skylr configuration implies.
ApplySettings apply_settings(const Config& config);

// How one apply ended.
enum class ApplyStatus { kUnchanged, kApplied, kFailed };

// The step that failed; kNone unless the status is kFailed.
enum class ApplyStage { kNone, kRender, kCheck, kWrite, kReload };

// The lower-case name of `stage` ("none", "render", "check", "write", "reload").
std::string_view stage_name(ApplyStage stage);

// How HAProxy got a change: not at all, through its Runtime API, or by a reload.
enum class ApplyMethod { kNone, kRuntime, kReload };

// Why HAProxy was reloaded instead of updated through its Runtime API.
enum class ReloadReason {
  kNone,
  kInitial,        // no configuration was live yet
  kRecovery,       // a failed restore left HAProxy on an unknown configuration
  kConfigChanged,  // frontends, services or options changed
  kSlotsChanged,   // the number of server slots changed: a backend ran out of slots
  kRuntimeFailed,  // the runtime update or its read-back failed
  kNoRuntime,      // servers changed and the caller offered no runtime step
};

// The lower-case name of `reason`, a metrics label: "none", "initial", "recovery",
// "config_changed", "slots_changed", "runtime_failed" or "no_runtime".
std::string_view reload_reason_name(ReloadReason reason);

// What a runtime step did: the Runtime API commands it sent and its warnings.
struct RuntimeChange {
  int commands = 0;
  ControlWarnings warnings;
};

// Brings HAProxy's running servers in line with the configuration just made live,
// without a reload; fails with the reason when it cannot.
using RuntimeStep = std::function<Result<RuntimeChange>()>;

// The result of one apply: what happened, where it failed and why, how HAProxy got the
// change (and why it was reloaded), and how long it took.
struct ApplyOutcome {
  ApplyStatus status = ApplyStatus::kUnchanged;
  ApplyStage failed_stage = ApplyStage::kNone;
  std::string message;  // the error when failed; empty otherwise
  ControlWarnings warnings;  // things HAProxy control skipped or repaired
  ApplyMethod method = ApplyMethod::kNone;
  ReloadReason reload_reason = ReloadReason::kNone;  // set when method is kReload
  std::string reload_detail;  // the reload's reason in a sentence
  int runtime_commands = 0;   // Runtime API commands sent
  std::chrono::milliseconds duration{0};
};

// Totals since the applier was made.
struct ApplyCounters {
  std::uint64_t applied = 0;  // through the Runtime API or a reload
  std::uint64_t unchanged = 0;
  std::uint64_t runtime_updates = 0;  // applied without a reload
  std::map<ReloadReason, std::uint64_t> reloads;  // attempted, by reason
  std::map<ApplyStage, std::uint64_t> failed;  // by stage; stages without failures absent
  std::string last_error;  // empty until a failure
  std::optional<std::chrono::system_clock::time_point> last_error_at;
  std::optional<std::chrono::system_clock::time_point> last_applied_at;
  std::optional<std::chrono::system_clock::time_point> last_reload_at;  // successful ones
  ReloadReason last_reload_reason = ReloadReason::kNone;
  std::string last_reload_detail;
};

class ConfigApplier {
 public:
  ConfigApplier(ApplySettings settings, FileSystem& fs, ProcessRunner& runner,
                HaproxyControl& haproxy, Clock& clock);

  // Makes `rendered` the live configuration (see the file comment), through `runtime`
  // when only servers changed and a step is given; an unchanged text also runs the step,
  // which repairs HAProxy's servers when they drifted. On failure the outcome names the
  // stage; after a failed reload the previous file content is written back and HAProxy
  // is reloaded on it.
  ApplyOutcome apply(std::string_view rendered, const RuntimeStep& runtime = {});

  // Counts a configuration that could not be rendered; returns the failed outcome.
  ApplyOutcome record_render_failure(const std::string& message);

  // The totals so far.
  const ApplyCounters& counters() const { return counters_; }

 private:
  ApplyOutcome install(std::string_view rendered);
  ApplyOutcome keep_running();
  ApplyOutcome update_at_runtime(std::string_view rendered, const std::string& live,
                                 const RuntimeStep& runtime);
  ApplyOutcome reload_new(std::string_view rendered, const std::optional<std::string>& live,
                          ReloadReason reason, std::string detail);
  ApplyOutcome reload_installed(const std::optional<std::string>& live, ReloadReason reason,
                                std::string detail);
  std::string restore(const std::optional<std::string>& previous);
  ApplyOutcome finish(ApplyOutcome outcome, std::chrono::steady_clock::time_point start);

  ApplySettings settings_;
  FileSystem& fs_;
  ProcessRunner& runner_;
  HaproxyControl& haproxy_;
  Clock& clock_;
  ApplyCounters counters_;
  bool live_is_served_ = true;  // false after a failed restore: the file may not be live
};

}  // namespace skylr
