// ConfigApplier: write to a temporary file, check it, rename it into place, then update
// HAProxy at runtime or reload it, and undo the rename when the reload fails. The
// destination only ever holds a configuration that passed `haproxy -c`, and after any
// failure it holds the last good one again.
#include "apply/applier.h"

#include <fmt/format.h>

#include "haproxy/check.h"
#include "haproxy/config_structure.h"

namespace skylr::apply {

using haproxy::ControlWarnings;
using haproxy::HaproxyControl;
using haproxy::RuntimeChange;
using haproxy::check_haproxy_config;
using haproxy::compare_structure;
namespace {

ApplyOutcome failure(ApplyStage stage, std::string message) {
  ApplyOutcome outcome;
  outcome.status = ApplyStatus::kFailed;
  outcome.failed_stage = stage;
  outcome.message = std::move(message);
  return outcome;
}

// The reason for a reload that needs no further detail, in a sentence.
std::string reload_sentence(ReloadReason reason) {
  switch (reason) {
    case ReloadReason::kInitial: return "no configuration was live";
    case ReloadReason::kRecovery: return "a failed restore left HAProxy on an unknown configuration";
    case ReloadReason::kConfigChanged: return "frontends, services or options changed";
    case ReloadReason::kSlotsChanged: return "server slots were removed or renamed";
    case ReloadReason::kNoRuntime: return "servers changed and no runtime update was offered";
    case ReloadReason::kNone:
    case ReloadReason::kRuntimeFailed:
    case ReloadReason::kCertificates: break;
  }
  return "";
}

}  // namespace

ApplySettings apply_settings(const Config& config) {
  return {config.config_destination, config.users_config_destination, config.haproxy.binary, config.reload.mode,
          config.discovery.routes_map};
}

Status ConfigApplier::write_routes_map(std::string_view text) {
  return write_file_atomically(fs_, settings_.routes_map, text);
}

ConfigApplier::ConfigApplier(ApplySettings settings, FileSystem& fs, ProcessRunner& runner,
                             HaproxyControl& haproxy, Clock& clock)
    : settings_(std::move(settings)), fs_(fs), runner_(runner), haproxy_(haproxy), clock_(clock) {}

ApplyOutcome ConfigApplier::apply(std::string_view rendered, const RuntimeStep& runtime) {
  auto start = clock_.now();
  Result<std::optional<std::string>> read = read_live();
  if (!read) return finish(failure(ApplyStage::kWrite, read.error().message), start);
  const std::optional<std::string>& live = *read;
  ReloadReason reason = !live               ? ReloadReason::kInitial
                        : !live_is_served_  ? ReloadReason::kRecovery
                        : *live == rendered ? ReloadReason::kNone
                                            : compare_structure(*live, rendered);
  if (reason == ReloadReason::kNone && runtime) {
    return finish(update_at_runtime(rendered, *live, runtime), start);
  }
  if (reason == ReloadReason::kNone && *live != rendered) reason = ReloadReason::kNoRuntime;
  if (reason != ReloadReason::kNone) {
    return finish(reload_new(rendered, live, reason, reload_sentence(reason)), start);
  }
  return finish(keep_running(), start);
}

ApplyOutcome ConfigApplier::apply_servers(std::optional<std::string_view> rendered, const RuntimeStep& runtime) {
  auto start = clock_.now();
  ApplyOutcome outcome = keep_running();
  if (outcome.status == ApplyStatus::kFailed) return finish(std::move(outcome), start);
  Result<RuntimeChange> change = runtime();
  if (!change.ok()) {
    Result<std::optional<std::string>> live = read_live();
    if (!live) return finish(failure(ApplyStage::kWrite, live.error().message), start);
    std::string detail = "the runtime update failed: " + change.error().message;
    ApplyOutcome reloaded = rendered ? reload_new(*rendered, *live, ReloadReason::kRuntimeFailed, std::move(detail))
                                     : reload_installed(*live, ReloadReason::kRuntimeFailed, std::move(detail));
    reloaded.warnings.insert(reloaded.warnings.begin(), outcome.warnings.begin(), outcome.warnings.end());
    return finish(std::move(reloaded), start);
  }
  outcome.warnings.insert(outcome.warnings.end(), change->warnings.begin(), change->warnings.end());
  outcome.runtime_commands = change->commands;
  if (rendered) {
    Status written = write_file_atomically(fs_, settings_.config_destination, *rendered);
    if (!written.ok()) {
      return finish(failure(ApplyStage::kWrite,
                            fmt::format("HAProxy serves the change, but writing {} failed (a reload would start "
                                        "from the previous file): {}",
                                        settings_.config_destination, written.error().message)),
                    start);
    }
  }
  if (rendered || change->commands > 0) {
    outcome.status = ApplyStatus::kApplied;
    outcome.method = ApplyMethod::kRuntime;
  }
  return finish(std::move(outcome), start);
}

ApplyOutcome ConfigApplier::apply_certificates(bool reload, const RuntimeStep& runtime) {
  auto start = clock_.now();
  Result<std::optional<std::string>> live = read_live();
  if (!live) return finish(failure(ApplyStage::kWrite, live.error().message), start);
  if (!*live) return finish(ApplyOutcome{}, start);
  std::string detail = "the certificates HAProxy loaded are not known (a new store, or a failed update before)";
  if (!reload) {
    ApplyOutcome outcome = keep_running();
    if (outcome.status == ApplyStatus::kFailed) return finish(std::move(outcome), start);
    Result<RuntimeChange> change = runtime();
    if (change) {
      outcome.status = ApplyStatus::kApplied;
      outcome.method = ApplyMethod::kRuntime;
      outcome.runtime_commands = change->commands;
      return finish(std::move(outcome), start);
    }
    detail = fmt::format("the certificates' runtime update failed: {}", change.error().message);
  }
  Status checked = check_haproxy_config(runner_, settings_.haproxy_binary, settings_.config_destination,
                                        settings_.users_config_destination);
  if (!checked) return finish(failure(ApplyStage::kCheck, checked.error().message), start);
  return finish(reload_installed(**live, ReloadReason::kCertificates, std::move(detail)), start);
}

ApplyOutcome ConfigApplier::record_render_failure(const std::string& message) {
  return finish(failure(ApplyStage::kRender, message), clock_.now());
}

// The destination's content, nullopt when there is none; fails when it cannot be read
// (without it, a failed reload could not be undone).
Result<std::optional<std::string>> ConfigApplier::read_live() {
  const std::string& destination = settings_.config_destination;
  if (!fs_.exists(destination)) return std::optional<std::string>{};
  Result<std::string> content = fs_.read_file(destination);
  if (!content.ok()) return content.error();
  return std::optional<std::string>{std::move(*content)};
}

// Writes `rendered` to a temporary file, checks it and renames it over the destination;
// a failed outcome names the stage, else the outcome is a plain kUnchanged.
ApplyOutcome ConfigApplier::install(std::string_view rendered) {
  const std::string& destination = settings_.config_destination;
  Result<std::string> temp = fs_.write_temp_beside(destination, rendered, FileAccess::kShared);
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
  return {};
}

// In managed mode, makes sure HAProxy runs (it may have died since the last apply).
ApplyOutcome ConfigApplier::keep_running() {
  ApplyOutcome outcome;
  if (settings_.mode != ReloadMode::kManaged) return outcome;
  Result<ControlWarnings> running = haproxy_.ensure_running();
  if (!running.ok()) return failure(ApplyStage::kReload, running.error().message);
  outcome.warnings = std::move(*running);
  return outcome;
}

// Makes sure HAProxy runs, installs `rendered` when it differs from `live` (so nothing
// reaches HAProxy that `haproxy -c` did not pass), then runs the runtime step; reloads on
// the installed file when the step fails.
ApplyOutcome ConfigApplier::update_at_runtime(std::string_view rendered, const std::string& live,
                                              const RuntimeStep& runtime) {
  ApplyOutcome outcome = keep_running();
  if (outcome.status == ApplyStatus::kFailed) return outcome;
  bool changed = rendered != live;
  if (changed) {
    ApplyOutcome installed = install(rendered);
    if (installed.status == ApplyStatus::kFailed) return installed;
  }
  Result<RuntimeChange> change = runtime();
  if (!change.ok()) {
    ApplyOutcome reloaded = reload_installed(live, ReloadReason::kRuntimeFailed,
                                             "the runtime update failed: " + change.error().message);
    reloaded.warnings.insert(reloaded.warnings.begin(), outcome.warnings.begin(),
                             outcome.warnings.end());
    return reloaded;
  }
  outcome.warnings.insert(outcome.warnings.end(), change->warnings.begin(), change->warnings.end());
  outcome.runtime_commands = change->commands;
  if (changed || change->commands > 0) {
    outcome.status = ApplyStatus::kApplied;
    outcome.method = ApplyMethod::kRuntime;
  }
  return outcome;
}

// Installs `rendered`, then reloads.
ApplyOutcome ConfigApplier::reload_new(std::string_view rendered,
                                       const std::optional<std::string>& live,
                                       ReloadReason reason, std::string detail) {
  ApplyOutcome installed = install(rendered);
  if (installed.status == ApplyStatus::kFailed) return installed;
  return reload_installed(live, reason, std::move(detail));
}

// Reloads HAProxy on the installed file; when that fails, puts `live` back.
ApplyOutcome ConfigApplier::reload_installed(const std::optional<std::string>& live,
                                             ReloadReason reason, std::string detail) {
  Result<ControlWarnings> reloaded = haproxy_.reload();
  ApplyOutcome outcome;
  if (!reloaded.ok()) {
    outcome = failure(ApplyStage::kReload, reloaded.error().message + "\n" + restore(live));
  } else {
    live_is_served_ = true;
    outcome.status = ApplyStatus::kApplied;
    outcome.warnings = std::move(*reloaded);
  }
  outcome.method = ApplyMethod::kReload;
  outcome.reload_reason = reason;
  outcome.reload_detail = std::move(detail);
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
  if (outcome.method == ApplyMethod::kReload) ++counters_.reloads[outcome.reload_reason];
  switch (outcome.status) {
    case ApplyStatus::kUnchanged: ++counters_.unchanged; break;
    case ApplyStatus::kApplied:
      ++counters_.applied;
      counters_.last_applied_at = clock_.wall_now();
      if (outcome.method == ApplyMethod::kRuntime) ++counters_.runtime_updates;
      if (outcome.method == ApplyMethod::kReload) {
        counters_.last_reload_at = counters_.last_applied_at;
        counters_.last_reload_reason = outcome.reload_reason;
        counters_.last_reload_detail = outcome.reload_detail;
      }
      break;
    case ApplyStatus::kFailed:
      ++counters_.failed[outcome.failed_stage];
      counters_.last_error = outcome.message;
      counters_.last_error_at = clock_.wall_now();
      break;
  }
  return outcome;
}

}  // namespace skylr::apply
