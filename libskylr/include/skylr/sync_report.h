// SyncReport: what one sync did: whether Marathon could be read, how far its answer was
// trusted, the model it gave, and how the rendered configuration reached HAProxy
// (unchanged, through the Runtime API or by a reload, and why), or at which stage and why
// it failed. ApplyCounters are the totals behind /health, /status and /metrics. Plain
// values; thread-compatible.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "skylr/model.h"

namespace skylr {

// What one look at HAProxy found: whether it serves, whether it had to be started again,
// and what was wrong ("HAProxy master 812 killed by signal 9 (Killed)").
struct SupervisionReport {
  bool serving = false;
  bool restarted = false;
  std::string problem;                // empty when HAProxy was serving as it should
  std::vector<std::string> warnings;  // things the restart skipped or repaired
};

// How one apply ended.
enum class ApplyStatus { kUnchanged, kApplied, kFailed };

// The lower-case name of `status` ("unchanged", "applied", "failed").
std::string_view apply_status_name(ApplyStatus status);

// The step that failed; kNone unless the status is kFailed.
enum class ApplyStage { kNone, kRender, kCheck, kWrite, kReload };

// The lower-case name of `stage` ("none", "render", "check", "write", "reload").
std::string_view stage_name(ApplyStage stage);

// How HAProxy got a change: not at all, through its Runtime API, or by a reload.
enum class ApplyMethod { kNone, kRuntime, kReload };

// The lower-case name of `method` ("none", "runtime", "reload").
std::string_view apply_method_name(ApplyMethod method);

// Why HAProxy was reloaded instead of updated through its Runtime API.
enum class ReloadReason {
  kNone,
  kInitial,        // no configuration was live yet
  kRecovery,       // a failed restore left HAProxy on an unknown configuration
  kConfigChanged,  // frontends, services or options changed
  kSlotsChanged,   // a backend's server slots were removed or renamed (appended ones are not)
  kRuntimeFailed,  // the runtime update or its read-back failed
  kNoRuntime,      // servers changed and the caller offered no runtime step
  kCertificates,   // TLS certificates changed and their runtime update failed, or HAProxy's are not known
};

// The lower-case name of `reason`, a metrics label: "none", "initial", "recovery",
// "config_changed", "slots_changed", "runtime_failed", "no_runtime" or "certificates".
std::string_view reload_reason_name(ReloadReason reason);

// The result of one apply: what happened, where it failed and why, how HAProxy got the
// change (and why it was reloaded), and how long it took.
struct ApplyOutcome {
  ApplyStatus status = ApplyStatus::kUnchanged;
  ApplyStage failed_stage = ApplyStage::kNone;
  std::string message;  // the error when failed; empty otherwise
  std::vector<std::string> warnings;  // things HAProxy control skipped or repaired
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

// How far one sync trusted Marathon's answer. An answer that would change the routing
// drastically (an empty app list while services had servers, or more than
// reload.max_removed_share of all servers removed at once) is read a second time, from
// another of the marathon_hosts when there is one, before anything is applied.
enum class AnswerVerdict {
  kTrusted,    // not drastic: applied as read
  kConfirmed,  // drastic, and the second read gave the same servers: applied
  kCorrected,  // drastic, and the second read differed without being drastic: the second applied
  kRefused,    // drastic and not confirmed: nothing applied, the last good config stays
};

// The lower-case name of `verdict`, a metrics label: "trusted", "confirmed", "corrected"
// or "refused".
std::string_view answer_verdict_name(AnswerVerdict verdict);

// Which of Marathon's apps one sync read.
enum class ReadScope {
  kFull,  // all of them: GET /v2/apps?embed=apps.tasks
  kApps,  // only those events named: GET /v2/apps/{id}?embed=app.tasks each
};

// The lower-case name of `scope`, a metrics label: "full" or "app".
std::string_view read_scope_name(ReadScope scope);

// What one look at the TLS certificates (the config's `tls` section) did, by file name.
struct CertificateReport {
  std::vector<std::string> updated;  // new content for a certificate HAProxy had: `set ssl cert`, no reload
  std::vector<std::string> added;    // certificates HAProxy serves from now on: `new ssl cert`, `add ssl crt-list`
  std::vector<std::string> removed;  // certificates that left the directory: `del ssl crt-list`, `del ssl cert`
  std::vector<std::string> refused;  // "<file>: <reason>": refused anew; what HAProxy served stays
  std::optional<std::string> error;  // the directory could not be looked at: nothing changed
  ApplyOutcome apply;                // how HAProxy got them (kUnchanged: with the sync's own reload, or nothing to do)
};

// What one sync did.
struct SyncReport {
  ReadScope scope = ReadScope::kFull;  // kApps: `model` holds only the services of `apps_read`
  std::set<std::string> apps_read;     // kApps: the apps read
  std::uint64_t bytes_read = 0;        // the body bytes Marathon's answers brought
  std::optional<std::string> fetch_error;  // set when Marathon could not be read
  Model model;  // the new model (the served one when refused); empty when the fetch failed
  AnswerVerdict verdict = AnswerVerdict::kTrusted;  // meaningful only when the fetch succeeded
  std::string verdict_detail;  // unless trusted: why the answer was drastic, and what the second read said
  ApplyOutcome apply;          // meaningful only when the fetch succeeded and the answer was not refused
  std::chrono::milliseconds fetch_duration{0};
  std::chrono::milliseconds total_duration{0};
  CertificateReport certificates;  // full syncs with the `tls` section
};

}  // namespace skylr
