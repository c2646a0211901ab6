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

#include "haproxy/control.h"
#include "haproxy/runtime_updater.h"
#include "skylr/clock.h"
#include "skylr/config.h"
#include "skylr/file_system.h"
#include "skylr/process_runner.h"
#include "skylr/sync_report.h"

namespace skylr::apply {

// Where the configuration goes and which HAProxy checks it.
struct ApplySettings {
  std::string config_destination;
  std::string users_config_destination;  // empty: no users file
  std::string haproxy_binary = "/usr/sbin/haproxy";
  ReloadMode mode = ReloadMode::kManaged;
  std::string routes_map;  // the shared HTTP frontend's map file (label discovery)
};

// The settings a Skylr configuration implies.
ApplySettings apply_settings(const Config& config);

// Brings HAProxy's running servers in line with the configuration just made live,
// without a reload; fails with the reason when it cannot.
using RuntimeStep = std::function<Result<haproxy::RuntimeChange>()>;

class ConfigApplier {
 public:
  ConfigApplier(ApplySettings settings, FileSystem& fs, ProcessRunner& runner,
                haproxy::HaproxyControl& haproxy, Clock& clock);

  // Makes `rendered` the live configuration (see the file comment), through `runtime`
  // when only servers changed and a step is given; an unchanged text also runs the step,
  // which repairs HAProxy's servers when they drifted. On failure the outcome names the
  // stage; after a failed reload the previous file content is written back and HAProxy
  // is reloaded on it.
  ApplyOutcome apply(std::string_view rendered, const RuntimeStep& runtime = {});

  // Makes a change of servers only live, the Runtime API first: makes sure HAProxy runs,
  // runs `runtime`, and only then writes `rendered` (when given; nullopt: the text did not
  // change) over the destination, atomically and without `haproxy -c`. The caller
  // guarantees that `rendered` differs from the live text only in server lines that
  // compare_structure lets through the Runtime API (addresses, states, added slots), each
  // written as lines that passed the check are. When the step fails, the text is
  // installed with the check and HAProxy reloaded on it (kRuntimeFailed); when only the
  // write fails, HAProxy serves the change and the outcome fails at kWrite.
  ApplyOutcome apply_servers(std::optional<std::string_view> rendered, const RuntimeStep& runtime);

  // Writes `text` over the routes map file of the shared HTTP frontend, atomically; HAProxy
  // reads it when it next (re)loads. Fails naming the file.
  Status write_routes_map(std::string_view text);

  // Makes changed TLS certificates live while a configuration is live (before, nothing is
  // done: HAProxy loads them when it starts): through `runtime` (their Runtime API
  // commands) unless `reload`; when `reload` is set or the step fails, by a reload on the
  // live file once `haproxy -c` passed it with the new crt-list (reason kCertificates).
  ApplyOutcome apply_certificates(bool reload, const RuntimeStep& runtime);

  // Counts a configuration that could not be rendered; returns the failed outcome.
  ApplyOutcome record_render_failure(const std::string& message);

  // The totals so far.
  const ApplyCounters& counters() const { return counters_; }

 private:
  ApplyOutcome install(std::string_view rendered);
  ApplyOutcome keep_running();
  Result<std::optional<std::string>> read_live();
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
  haproxy::HaproxyControl& haproxy_;
  Clock& clock_;
  ApplyCounters counters_;
  bool live_is_served_ = true;  // false after a failed restore: the file may not be live
};

}  // namespace skylr::apply
