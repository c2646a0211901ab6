#include "sync_loop.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "log.h"
#include "model/diff.h"
#include "util/sorted_vector.h"

namespace skylr {

using model::ServiceChange;
using model::diff_models;
using model::summarize_changes;

namespace {

// "3 notifications (status_update_event x2, config_reloaded x1)", "periodic resync" or,
// for the first sync after skylrd started, "start-up sync" (with the notifications that
// came before it, if any).
std::string describe_batch(const RegenerationBatch& batch, bool startup) {
  if (startup) {
    return batch.notifications == 0 ? "start-up sync" : fmt::format("start-up sync, {}", describe_batch(batch, false));
  }
  if (batch.notifications == 0) return "periodic resync";
  std::string reasons;
  for (const auto& [reason, count] : batch.by_reason) {
    if (!reasons.empty()) reasons += ", ";
    reasons += fmt::format("{} x{}", reason, count);
  }
  std::string scope = batch.full ? "" : fmt::format(" for {} app{}", batch.apps.size(), batch.apps.size() == 1 ? "" : "s");
  return fmt::format("{} notification{} ({}){}", batch.notifications, batch.notifications == 1 ? "" : "s", reasons,
                     scope);
}

// The changes from `served` to what `report` read: every service for a full read, only
// the services of the apps read otherwise.
std::vector<ServiceChange> served_changes(const Model& served, const SyncReport& report) {
  if (report.scope == ReadScope::kFull) return diff_models(served, report.model);
  Model before;
  for (const ServiceBackends& part : report.model.services) {
    auto service_name = [](const ServiceBackends& backends) -> std::string_view { return backends.service; };
    if (const ServiceBackends* served_part = util::find_sorted(served.services, part.service, service_name)) {
      before.services.push_back(*served_part);
    }
  }
  return diff_models(before, report.model);
}

// How bad `report`'s outcome is: an error when Marathon could not be read or the apply
// failed, a warning when the answer was refused.
LogLevel result_level(const SyncReport& report) {
  if (report.fetch_error || report.apply.status == ApplyStatus::kFailed) return LogLevel::kError;
  return report.verdict == AnswerVerdict::kRefused ? LogLevel::kWarning : LogLevel::kInfo;
}

std::string describe_result(const SyncReport& report, const std::string& changes) {
  if (report.fetch_error) {
    return fmt::format("Marathon unreachable, keeping the last good config: {}", *report.fetch_error);
  }
  if (report.verdict == AnswerVerdict::kRefused) {
    return fmt::format("answer refused, keeping the last good config: {}", report.verdict_detail);
  }
  const ApplyOutcome& apply = report.apply;
  switch (apply.status) {
    case ApplyStatus::kUnchanged:
      return "config unchanged, no reload";
    case ApplyStatus::kApplied:
      if (apply.method == ApplyMethod::kRuntime) {
        return fmt::format("{}; applied through the Runtime API ({} commands, no reload) in {} ms",
                           changes, apply.runtime_commands, apply.duration.count());
      }
      return fmt::format("{}; applied and reloaded ({}: {}) in {} ms", changes,
                         reload_reason_name(apply.reload_reason), apply.reload_detail,
                         apply.duration.count());
    case ApplyStatus::kFailed:
      break;
  }
  return fmt::format("{}; {} failed, keeping the last good config: {}", changes,
                     stage_name(apply.failed_stage), apply.message);
}

}  // namespace

SyncLoop::SyncLoop(const SharedConfig& config, Pipeline& pipeline, Notifications& notifications,
                   Metrics& metrics, StatusBoard& board, Readiness& readiness)
    : config_(config),
      notifications_(notifications),
      metrics_(metrics),
      board_(board),
      readiness_(readiness),
      pipeline_(pipeline) {}

void SyncLoop::run() {
  auto next_resync = std::chrono::steady_clock::now();
  bool announced = false;
  for (;;) {
    auto drain_check = pipeline_.next_drain_check();
    auto batch = notifications_.wait_for_batch(drain_check ? std::min(*drain_check, next_resync)
                                                           : next_resync);
    if (!batch) return;
    if (batch->notifications == 0 && std::chrono::steady_clock::now() < next_resync) {
      finish_drains();
      continue;
    }
    std::string outcome = sync(*batch);
    if (!announced) readiness_.ready(fmt::format("first sync: {}", outcome));
    announced = true;
    next_resync = std::chrono::steady_clock::now() +
                  std::chrono::seconds(config_.get()->reload.resync_interval_s);
  }
}

// Counts one apply in the metrics: its result, and whether it went through the Runtime
// API or a reload (with the reason).
void SyncLoop::record_apply(const ApplyOutcome& apply, std::chrono::system_clock::time_point now) {
  metrics_.count_apply(apply.status == ApplyStatus::kFailed
                           ? fmt::format("failed_{}", stage_name(apply.failed_stage))
                           : apply.status == ApplyStatus::kApplied ? "applied" : "unchanged");
  if (apply.method == ApplyMethod::kReload) {
    metrics_.count_reload(reload_reason_name(apply.reload_reason));
    if (apply.status == ApplyStatus::kApplied) metrics_.set_last_reload(now);
  } else if (apply.status == ApplyStatus::kApplied) {
    metrics_.count_runtime_update();
  }
  for (const std::string& warning : apply.warnings) log_line(LogLevel::kWarning, "haproxy: " + warning);
}

// Frees the slots whose drain is over; logs and counts only when something was applied.
void SyncLoop::finish_drains() {
  std::shared_ptr<const Config> config = config_.get();
  SyncReport report = pipeline_.finish_drains(*config);
  if (report.apply.status == ApplyStatus::kUnchanged) return;
  record_apply(report.apply, std::chrono::system_clock::now());
  board_.record_slots(pipeline_.slots());
  log_line(result_level(report), fmt::format("drain: finished draining slots -> {} (took {} ms)",
                       describe_result(report, "no backend changes"), report.total_duration.count()));
}

// Logs what a full sync's look at the certificates did, counts how HAProxy got it, and
// records the certificate files on the board and in the metrics.
void SyncLoop::record_certificates(const CertificateReport& report, std::chrono::system_clock::time_point now) {
  if (report.error) log_line(LogLevel::kError, "tls: " + *report.error);
  for (const std::string& refused : report.refused) {
    log_line(LogLevel::kWarning, fmt::format("tls: certificate refused, what HAProxy had stays: {}", refused));
  }
  std::vector<std::string> changes;
  if (!report.updated.empty()) changes.push_back(fmt::format("replaced {}", fmt::join(report.updated, ", ")));
  if (!report.added.empty()) changes.push_back(fmt::format("added {}", fmt::join(report.added, ", ")));
  if (!report.removed.empty()) changes.push_back(fmt::format("removed {}", fmt::join(report.removed, ", ")));
  if (!changes.empty() || report.apply.status != ApplyStatus::kUnchanged) {
    record_apply(report.apply, now);
    bool failed = report.apply.status == ApplyStatus::kFailed;
    std::string how = failed ? fmt::format("failed at {}: {}", stage_name(report.apply.failed_stage), report.apply.message)
                      : report.apply.method == ApplyMethod::kRuntime ? "through the Runtime API, no reload"
                      : report.apply.method == ApplyMethod::kReload  ? "by a reload"
                                                                     : "with the sync";
    if (changes.empty()) changes.push_back("changed earlier");
    log_line(failed ? LogLevel::kError : LogLevel::kInfo, fmt::format("tls: certificates {} -> {}", fmt::join(changes, "; "), how));
  }
  std::vector<CertificateStatus> certificates = pipeline_.certificates();
  metrics_.set_certificates(certificates);
  board_.record_certificates(certificates, report.error);
}

// Counts how far Marathon's answer was trusted, and logs why when it was drastic; unless
// it was refused, counts and logs the apps that kept their last known servers.
void SyncLoop::record_answer(const SyncReport& report) {
  metrics_.count_answer(report.verdict);
  if (report.verdict == AnswerVerdict::kRefused) return;
  if (report.verdict != AnswerVerdict::kTrusted) log_line(LogLevel::kWarning, "sync: " + report.verdict_detail);
  std::size_t kept = 0;
  for (const Problem& problem : report.model.problems) {
    bool discovery = problem.kind == ProblemKind::kPortLeftOut || problem.kind == ProblemKind::kRouteShadowed ||
                     problem.kind == ProblemKind::kCertificateMissing;
    if (problem.kind != ProblemKind::kAppKept && !discovery) continue;
    if (problem.kind == ProblemKind::kAppKept) ++kept;
    log_line(LogLevel::kWarning, "sync: " + problem.message);
  }
  metrics_.count_kept_apps(kept);
}

std::string SyncLoop::sync(const RegenerationBatch& batch) {
  std::shared_ptr<const Config> config = config_.get();
  metrics_.count_regeneration();
  bool full = batch.full || full_read_due_ || config != synced_config_;
  SyncReport report = full ? pipeline_.sync(*config) : pipeline_.sync_apps(*config, batch.apps);
  auto now = std::chrono::system_clock::now();
  if (full) record_certificates(report.certificates, now);
  std::size_t reads = report.scope == ReadScope::kFull ? 1 : report.apps_read.size();
  full_read_due_ = report.fetch_error.has_value();
  metrics_.observe_marathon_request(std::chrono::duration<double>(report.fetch_duration).count(),
                                    !report.fetch_error);
  metrics_.count_marathon_reads(report.scope, reads, report.bytes_read);
  board_.record_reads(report.scope, reads, report.bytes_read);
  board_.record(pipeline_.served_config(*config), report, pipeline_.counters(), now);
  if (!report.fetch_error) record_answer(report);
  std::string changes;
  if (!report.fetch_error && report.verdict != AnswerVerdict::kRefused) {
    metrics_.set_last_sync(now);
    record_apply(report.apply, now);
    changes = summarize_changes(served_changes(served_, report));
    if (report.apply.status != ApplyStatus::kFailed) record_served(config, report);
  }
  std::string scope =
      report.scope == ReadScope::kFull ? "" : fmt::format("read {} app{}: ", reads, reads == 1 ? "" : "s");
  std::string outcome = describe_result(report, changes);
  log_line(result_level(report), fmt::format("sync: {} -> {}{} (took {} ms)", describe_batch(batch, !started_), scope,
                                             outcome, report.total_duration.count()));
  started_ = true;
  return outcome;
}

// Keeps what HAProxy now serves after `report` applied: the model, the servers per
// service in the metrics, the slots on the board, and the config of a full sync.
void SyncLoop::record_served(const std::shared_ptr<const Config>& config, SyncReport& report) {
  for (const ServiceBackends& backends : report.model.services) {
    metrics_.set_backends(backends.service, backends.servers.size());
  }
  if (report.scope == ReadScope::kFull) {
    board_.record_slots(pipeline_.slots());
    served_ = std::move(report.model);
    synced_config_ = config;
  } else {
    board_.record_slots(pipeline_.slots(), report.model);
    merge_model(served_, report.model, report.apps_read);
  }
}

}  // namespace skylr
