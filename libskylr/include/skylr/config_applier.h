// ConfigApplier: the apply pipeline. It takes a rendered HAProxy configuration and makes
// it live safely: unchanged text is a no-op; otherwise the text is written to a temporary
// file beside the destination, checked with `haproxy -c`, renamed over the destination
// and HAProxy is reloaded. Whatever fails, the last good configuration stays live. It
// keeps counters for /health, /status and /metrics. Thread-compatible: the caller
// serialises calls.
#pragma once

#include <chrono>
#include <cstdint>
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

// The result of one apply: what happened, where it failed and why, and how long it took.
struct ApplyOutcome {
  ApplyStatus status = ApplyStatus::kUnchanged;
  ApplyStage failed_stage = ApplyStage::kNone;
  std::string message;  // the error when failed; empty otherwise
  ControlWarnings warnings;  // things HAProxy control skipped or repaired
  std::chrono::milliseconds duration{0};
};

// Totals since the applier was made.
struct ApplyCounters {
  std::uint64_t applied = 0;
  std::uint64_t unchanged = 0;
  std::map<ApplyStage, std::uint64_t> failed;  // by stage; stages without failures absent
  std::string last_error;  // empty until a failure
  std::optional<std::chrono::system_clock::time_point> last_error_at;
  std::optional<std::chrono::system_clock::time_point> last_applied_at;
};

class ConfigApplier {
 public:
  ConfigApplier(ApplySettings settings, FileSystem& fs, ProcessRunner& runner,
                HaproxyControl& haproxy, Clock& clock);

  // Makes `rendered` the live configuration (see the file comment). On failure the
  // outcome names the stage; after a failed reload the previous file content is written
  // back and HAProxy is reloaded on it.
  ApplyOutcome apply(std::string_view rendered);

  // Counts a configuration that could not be rendered; returns the failed outcome.
  ApplyOutcome record_render_failure(const std::string& message);

  // The totals so far.
  const ApplyCounters& counters() const { return counters_; }

 private:
  ApplyOutcome apply_changed(std::string_view rendered, const std::optional<std::string>& live);
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
