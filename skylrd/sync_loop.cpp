#include "sync_loop.h"

#include <fmt/format.h>

#include "log.h"
#include "skylr/model_diff.h"
#include "skylr/synchronizer.h"

namespace skylr {
namespace {

// "3 notifications (status_update_event x2, config_reloaded x1)" or "periodic resync".
std::string describe_batch(const RegenerationBatch& batch) {
  if (batch.notifications == 0) return "periodic resync";
  std::string reasons;
  for (const auto& [reason, count] : batch.by_reason) {
    if (!reasons.empty()) reasons += ", ";
    reasons += fmt::format("{} x{}", reason, count);
  }
  return fmt::format("{} notification{} ({})", batch.notifications,
                     batch.notifications == 1 ? "" : "s", reasons);
}

std::string describe_result(const SyncReport& report, const std::string& changes) {
  if (report.fetch_error) {
    return fmt::format("Marathon unreachable, keeping the last good config: {}", *report.fetch_error);
  }
  const ApplyOutcome& apply = report.apply;
  switch (apply.status) {
    case ApplyStatus::kUnchanged:
      return "config unchanged, no reload";
    case ApplyStatus::kApplied:
      return fmt::format("{}; applied and reloaded in {} ms", changes, apply.duration.count());
    case ApplyStatus::kFailed:
      break;
  }
  return fmt::format("{}; {} failed, keeping the last good config: {}", changes,
                     stage_name(apply.failed_stage), apply.message);
}

}  // namespace

SyncLoop::SyncLoop(const SharedConfig& config, MarathonClient& marathon, ConfigApplier& applier,
                   Notifications& notifications, Metrics& metrics, StatusBoard& board)
    : config_(config),
      marathon_(marathon),
      applier_(applier),
      notifications_(notifications),
      metrics_(metrics),
      board_(board) {}

void SyncLoop::run() {
  auto next_resync = std::chrono::steady_clock::now();
  while (auto batch = notifications_.wait_for_batch(next_resync)) {
    sync(*batch);
    next_resync = std::chrono::steady_clock::now() +
                  std::chrono::seconds(config_.get()->reload.resync_interval_s);
  }
}

void SyncLoop::sync(const RegenerationBatch& batch) {
  std::shared_ptr<const Config> config = config_.get();
  metrics_.count_regeneration();
  SyncReport report = synchronize(*config, marathon_, applier_, system_clock());
  auto now = std::chrono::system_clock::now();
  metrics_.observe_marathon_request(std::chrono::duration<double>(report.fetch_duration).count(),
                                    !report.fetch_error);
  board_.record(*config, report, applier_.counters(), now);
  std::string changes;
  if (!report.fetch_error) {
    metrics_.set_last_sync(now);
    const ApplyOutcome& apply = report.apply;
    metrics_.count_apply(apply.status == ApplyStatus::kFailed
                             ? fmt::format("failed_{}", stage_name(apply.failed_stage))
                             : apply.status == ApplyStatus::kApplied ? "applied" : "unchanged");
    changes = summarize_changes(diff_models(served_, report.model));
    if (apply.status != ApplyStatus::kFailed) {
      if (apply.status == ApplyStatus::kApplied) metrics_.set_last_reload(now);
      for (const ServiceBackends& backends : report.model.services) {
        metrics_.set_backends(backends.service, backends.servers.size());
      }
      served_ = std::move(report.model);
    }
    for (const std::string& warning : apply.warnings) log_line("haproxy: " + warning);
  }
  log_line(fmt::format("sync: {} -> {} (took {} ms)", describe_batch(batch),
                       describe_result(report, changes), report.total_duration.count()));
}

}  // namespace skylr
