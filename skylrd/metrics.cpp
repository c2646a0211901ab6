#include "metrics.h"

#include <fmt/format.h>

#include "version.h"

namespace skylr {
namespace {

// (source, type) pairs counted at most; later new types count as "other".
constexpr std::size_t kMaxEventCounters = 128;
constexpr std::size_t kMaxEventTypeLength = 64;

// True for a name Marathon gives its events: lower-case letters and '_'.
bool is_event_type_name(std::string_view type) {
  return !type.empty() && type.size() <= kMaxEventTypeLength &&
         type.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string_view::npos;
}

double to_unix_seconds(std::chrono::system_clock::time_point when) {
  return std::chrono::duration<double>(when.time_since_epoch()).count();
}

void append_header(std::string& out, std::string_view name, std::string_view type,
                   std::string_view help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

// One sample of `name` per entry of `counts`, labelled `label` with name_of(key):
// name{label="<name>"} <count>.
template <typename Counts, typename NameOf>
void append_labelled(std::string& out, std::string_view name, std::string_view label, const Counts& counts,
                     NameOf name_of) {
  for (const auto& [key, count] : counts) {
    out += fmt::format("{}{{{}=\"{}\"}} {}\n", name, label, prometheus_label_value(name_of(key)), count);
  }
}

// A text key as it is.
std::string_view as_is(const std::string& key) { return key; }

}  // namespace

std::string prometheus_label_value(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

Metrics::Metrics() {
  for (std::string_view result : {"applied", "unchanged"}) applies_[std::string(result)] = 0;
  for (ApplyStage stage : {ApplyStage::kRender, ApplyStage::kCheck, ApplyStage::kWrite, ApplyStage::kReload}) {
    applies_[fmt::format("failed_{}", stage_name(stage))] = 0;
  }
  for (ReloadReason reason : {ReloadReason::kInitial, ReloadReason::kRecovery, ReloadReason::kConfigChanged,
                              ReloadReason::kSlotsChanged, ReloadReason::kRuntimeFailed, ReloadReason::kNoRuntime,
                              ReloadReason::kCertificates}) {
    reloads_[std::string(reload_reason_name(reason))] = 0;
  }
}

void Metrics::count_event(std::string_view source, std::string_view type) {
  std::pair<std::string, std::string> key{source, is_event_type_name(type) ? type : "other"};
  std::lock_guard lock(mutex_);
  if (events_.size() >= kMaxEventCounters && !events_.contains(key)) key.second = "other";
  ++events_[key];
}

void Metrics::count_regeneration() {
  std::lock_guard lock(mutex_);
  ++regenerations_;
}

void Metrics::count_apply(std::string_view result) {
  std::lock_guard lock(mutex_);
  ++applies_[std::string(result)];
}

void Metrics::count_runtime_update() {
  std::lock_guard lock(mutex_);
  ++runtime_updates_;
}

void Metrics::count_reload(std::string_view reason) {
  std::lock_guard lock(mutex_);
  ++reloads_[std::string(reason)];
}

void Metrics::count_config_reload(bool applied) {
  std::lock_guard lock(mutex_);
  ++config_reloads_[applied ? "applied" : "refused"];
}

void Metrics::observe_marathon_request(double seconds, bool ok) {
  std::lock_guard lock(mutex_);
  marathon_seconds_sum_ += seconds;
  ++(ok ? marathon_requests_ok_ : marathon_requests_failed_);
}

void Metrics::count_marathon_reads(ReadScope scope, std::size_t reads, std::uint64_t bytes) {
  std::lock_guard lock(mutex_);
  reads_[scope] += reads;
  bytes_read_ += bytes;
}

void Metrics::count_answer(AnswerVerdict verdict) {
  std::lock_guard lock(mutex_);
  ++answers_[verdict];
}

void Metrics::count_kept_apps(std::size_t apps) {
  std::lock_guard lock(mutex_);
  kept_apps_ += apps;
}

void Metrics::set_last_sync(std::chrono::system_clock::time_point when) {
  std::lock_guard lock(mutex_);
  last_sync_ = to_unix_seconds(when);
}

void Metrics::set_last_reload(std::chrono::system_clock::time_point when) {
  std::lock_guard lock(mutex_);
  last_reload_ = to_unix_seconds(when);
}

void Metrics::set_backends(const std::string& service, std::size_t servers) {
  std::lock_guard lock(mutex_);
  backends_[service] = servers;
}

void Metrics::set_certificates(const std::vector<CertificateStatus>& certificates) {
  std::lock_guard lock(mutex_);
  certificate_expiry_.clear();
  certificate_refused_.clear();
  for (const CertificateStatus& certificate : certificates) {
    std::optional<double> expiry;
    if (certificate.served) expiry = to_unix_seconds(certificate.served->not_after);
    certificate_expiry_[certificate.file] = expiry;
    certificate_refused_[certificate.file] = !certificate.refused.empty();
  }
}

void Metrics::count_haproxy_restart() {
  std::lock_guard lock(mutex_);
  ++haproxy_restarts_;
}

void Metrics::set_haproxy_up(bool up) {
  std::lock_guard lock(mutex_);
  haproxy_up_ = up;
}

std::string Metrics::render_prometheus() const {
  std::lock_guard lock(mutex_);
  std::string out;
  append_header(out, "skylr_build_info", "gauge", "Always 1, labelled with skylrd's version.");
  out += fmt::format("skylr_build_info{{version=\"{}\"}} 1\n", prometheus_label_value(skylrd_version()));
  append_header(out, "skylr_events_total", "counter", "Marathon events received, by source and type.");
  for (const auto& [key, count] : events_) {
    out += fmt::format("skylr_events_total{{source=\"{}\",type=\"{}\"}} {}\n",
                       prometheus_label_value(key.first), prometheus_label_value(key.second), count);
  }
  append_header(out, "skylr_regenerations_total", "counter", "Coalesced regenerations run.");
  out += fmt::format("skylr_regenerations_total {}\n", regenerations_);
  append_header(out, "skylr_applies_total", "counter",
                "Config applies by result (applied = written and made live, by reload or Runtime API).");
  append_labelled(out, "skylr_applies_total", "result", applies_, as_is);
  append_header(out, "skylr_runtime_updates_total", "counter",
                "Changes applied through HAProxy's Runtime API, without a reload.");
  out += fmt::format("skylr_runtime_updates_total {}\n", runtime_updates_);
  append_header(out, "skylr_reloads_total", "counter", "HAProxy reloads attempted, by reason.");
  append_labelled(out, "skylr_reloads_total", "reason", reloads_, as_is);
  append_header(out, "skylr_config_reloads_total", "counter",
                "Re-reads of the config file (SIGHUP) by result: applied, or refused (the config before "
                "keeps serving).");
  append_labelled(out, "skylr_config_reloads_total", "result", config_reloads_, as_is);
  append_header(out, "skylr_haproxy_restarts_total", "counter",
                "HAProxy processes found dead by the supervisor and started again.");
  out += fmt::format("skylr_haproxy_restarts_total {}\n", haproxy_restarts_);
  append_header(out, "skylr_haproxy_up", "gauge", "1 when HAProxy served at the supervisor's last look.");
  out += fmt::format("skylr_haproxy_up {}\n", haproxy_up_ ? 1 : 0);
  append_header(out, "skylr_marathon_request_seconds", "summary", "Time spent in Marathon requests.");
  out += fmt::format("skylr_marathon_request_seconds_sum {}\n", marathon_seconds_sum_);
  out += fmt::format("skylr_marathon_request_seconds_count {}\n",
                     marathon_requests_ok_ + marathon_requests_failed_);
  append_header(out, "skylr_marathon_request_failures_total", "counter", "Marathon requests that failed.");
  out += fmt::format("skylr_marathon_request_failures_total {}\n", marathon_requests_failed_);
  append_header(out, "skylr_marathon_reads_total", "counter",
                "Reads of Marathon's apps: full (every app, GET /v2/apps) or app (one app an event named).");
  append_labelled(out, "skylr_marathon_reads_total", "kind", reads_, read_scope_name);
  append_header(out, "skylr_marathon_bytes_read_total", "counter", "Body bytes of Marathon's answers read by syncs.");
  out += fmt::format("skylr_marathon_bytes_read_total {}\n", bytes_read_);
  append_header(out, "skylr_marathon_answers_total", "counter",
                "Marathon's apps answers by verdict: trusted (applied as read), or a drastic change "
                "confirmed, corrected or refused by a second read.");
  append_labelled(out, "skylr_marathon_answers_total", "verdict", answers_, answer_verdict_name);
  append_header(out, "skylr_marathon_apps_kept_total", "counter",
                "Apps whose part of Marathon's answer was malformed, kept at their last known servers (per sync).");
  out += fmt::format("skylr_marathon_apps_kept_total {}\n", kept_apps_);
  append_header(out, "skylr_last_sync_timestamp_seconds", "gauge", "Last successful full sync (Unix time).");
  out += fmt::format("skylr_last_sync_timestamp_seconds {:.3f}\n", last_sync_);
  append_header(out, "skylr_last_reload_timestamp_seconds", "gauge", "Last successful reload (Unix time).");
  out += fmt::format("skylr_last_reload_timestamp_seconds {:.3f}\n", last_reload_);
  append_header(out, "skylr_backends", "gauge", "Servers routed to, by service.");
  for (const auto& [service, servers] : backends_) {
    out += fmt::format("skylr_backends{{service=\"{}\"}} {}\n", prometheus_label_value(service), servers);
  }
  append_header(out, "skylr_certificate_expiry_timestamp_seconds", "gauge",
                "When the certificate HAProxy serves from each file of tls.certificates expires (Unix time).");
  for (const auto& [file, expiry] : certificate_expiry_) {
    if (expiry) out += fmt::format("skylr_certificate_expiry_timestamp_seconds{{file=\"{}\"}} {:.0f}\n", prometheus_label_value(file), *expiry);
  }
  append_header(out, "skylr_certificate_refused", "gauge",
                "1 when the file as it is now was refused (broken, expired, key mismatch); what was served stays.");
  for (const auto& [file, refused] : certificate_refused_) {
    out += fmt::format("skylr_certificate_refused{{file=\"{}\"}} {}\n", prometheus_label_value(file), refused ? 1 : 0);
  }
  return out;
}

}  // namespace skylr
