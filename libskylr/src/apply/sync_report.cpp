// The names of apply results, stages and methods, read scopes, reload reasons and answer verdicts, as logs and metrics labels
// show them.
#include "skylr/sync_report.h"

namespace skylr {

std::string_view apply_status_name(ApplyStatus status) {
  switch (status) {
    case ApplyStatus::kUnchanged: return "unchanged";
    case ApplyStatus::kApplied: return "applied";
    case ApplyStatus::kFailed: return "failed";
  }
  return "unchanged";
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

std::string_view apply_method_name(ApplyMethod method) {
  switch (method) {
    case ApplyMethod::kNone: return "none";
    case ApplyMethod::kRuntime: return "runtime";
    case ApplyMethod::kReload: return "reload";
  }
  return "none";
}

std::string_view read_scope_name(ReadScope scope) {
  return scope == ReadScope::kApps ? "app" : "full";
}

std::string_view reload_reason_name(ReloadReason reason) {
  switch (reason) {
    case ReloadReason::kNone: return "none";
    case ReloadReason::kInitial: return "initial";
    case ReloadReason::kRecovery: return "recovery";
    case ReloadReason::kConfigChanged: return "config_changed";
    case ReloadReason::kSlotsChanged: return "slots_changed";
    case ReloadReason::kRuntimeFailed: return "runtime_failed";
    case ReloadReason::kNoRuntime: return "no_runtime";
    case ReloadReason::kCertificates: return "certificates";
  }
  return "none";
}

std::string_view answer_verdict_name(AnswerVerdict verdict) {
  switch (verdict) {
    case AnswerVerdict::kTrusted: return "trusted";
    case AnswerVerdict::kConfirmed: return "confirmed";
    case AnswerVerdict::kCorrected: return "corrected";
    case AnswerVerdict::kRefused: return "refused";
  }
  return "trusted";
}

}  // namespace skylr
