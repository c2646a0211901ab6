// ConfigApplier: write to a temporary file, check it, rename it into place, reload, and
// undo the rename when the reload fails. The destination only ever holds a configuration
// that passed `haproxy -c`, and after any failure it holds the last good one again.
#include "skylr/config_applier.h"

#include <fmt/format.h>

#include "skylr/config_check.h"

namespace skylr {
namespace {

ApplyOutcome failure(ApplyStage stage, std::string message) {
  ApplyOutcome outcome;
  outcome.status = ApplyStatus::kFailed;
  outcome.failed_stage = stage;
  outcome.message = std::move(message);
  return outcome;
}

}  // namespace

ApplySettings apply_settings(const Config& config) {
  return {config.config_destination, config.users_config_destination, config.haproxy.binary,
          config.reload.mode};
}

std::string_view stage_name(ApplyStage stage) {
  switch (stage) {
    case ApplyStage::kNone: return "none";
    case ApplyStage::kRender: return "render";
    case ApplyStage::kCheck: return "check";
    case ApplyStage::kWrite: return "write";
    case ApplyStage::kReload: return "reload";
  }
  return "none";
}

ConfigApplier::ConfigApplier(ApplySettings settings, FileSystem& fs, ProcessRunner& runner,
                             HaproxyControl& haproxy, Clock& clock)
    : settings_(std::move(settings)), fs_(fs), runner_(runner), haproxy_(haproxy), clock_(clock) {}

ApplyOutcome ConfigApplier::apply(std::string_view rendered) {
  auto start = clock_.now();
  const std::string& destination = settings_.config_destination;
  std::optional<std::string> live;
  if (fs_.exists(destination)) {
    Result<std::string> content = fs_.read_file(destination);
    if (!content.ok()) {  // without it, a failed reload could not be undone
      return finish(failure(ApplyStage::kWrite, content.error().message), start);
    }
    live = std::move(*content);
  }
  if (!live || *live != rendered || !live_is_served_) {
    return finish(apply_changed(rendered, live), start);
  }
  ApplyOutcome outcome;
  if (settings_.mode == ReloadMode::kManaged) {
    Result<ControlWarnings> running = haproxy_.ensure_running();
    if (!running.ok()) return finish(failure(ApplyStage::kReload, running.error().message), start);
    outcome.warnings = std::move(*running);
  }
  return finish(std::move(outcome), start);
}

ApplyOutcome ConfigApplier::record_render_failure(const std::string& message) {
  return finish(failure(ApplyStage::kRender, message), clock_.now());
}

ApplyOutcome ConfigApplier::apply_changed(std::string_view rendered,
                                          const std::optional<std::string>& live) {
  const std::string& destination = settings_.config_destination;
  Result<std::string> temp = fs_.write_temp_beside(destination, rendered);
  if (!temp.ok()) return failure(ApplyStage::kWrite, temp.error().message);
  Status checked = check_haproxy_config(runner_, settings_.haproxy_binary, *temp,
                                        settings_.users_config_destination);
  if (!checked.ok()) {
    (void)fs_.remove(*temp);
    return failure(ApplyStage::kCheck, checked.error().message);
  }
  Status renamed = fs_.rename(*temp, destination);
  if (!renamed.ok()) {
    (void)fs_.remove(*temp);
    return failure(ApplyStage::kWrite, renamed.error().message);
  }
  Result<ControlWarnings> reloaded = haproxy_.reload();
  if (!reloaded.ok()) {
    return failure(ApplyStage::kReload, reloaded.error().message + "\n" + restore(live));
  }
  live_is_served_ = true;
  ApplyOutcome outcome;
  outcome.status = ApplyStatus::kApplied;
  outcome.warnings = std::move(*reloaded);
  return outcome;
}

// Puts `previous` back at the destination (removes the destination when there was none)
// and reloads HAProxy on it; returns what it did, for the error message.
std::string ConfigApplier::restore(const std::optional<std::string>& previous) {
  const std::string& destination = settings_.config_destination;
  live_is_served_ = false;
  if (!previous) {
    Status removed = fs_.remove(destination);
    if (!removed.ok()) return "could not remove the new configuration: " + removed.error().message;
    return fmt::format("removed {} (there was no previous configuration)", destination);
  }
  Status written = write_file_atomically(fs_, destination, *previous);
  if (!written.ok()) {
    return "could not restore the previous configuration: " + written.error().message;
  }
  Result<ControlWarnings> reloaded = haproxy_.reload();
  if (!reloaded.ok()) {
    return fmt::format("restored the previous {}, but reloading HAProxy on it failed too: {}",
                       destination, reloaded.error().message);
  }
  live_is_served_ = true;
  return fmt::format("restored the previous {} and reloaded HAProxy on it", destination);
}

ApplyOutcome ConfigApplier::finish(ApplyOutcome outcome,
                                   std::chrono::steady_clock::time_point start) {
  outcome.duration = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now() - start);
  switch (outcome.status) {
    case ApplyStatus::kUnchanged: ++counters_.unchanged; break;
    case ApplyStatus::kApplied:
      ++counters_.applied;
      counters_.last_applied_at = clock_.wall_now();
      break;
    case ApplyStatus::kFailed:
      ++counters_.failed[outcome.failed_stage];
      counters_.last_error = outcome.message;
      counters_.last_error_at = clock_.wall_now();
      break;
  }
  return outcome;
}

}  // namespace skylr
