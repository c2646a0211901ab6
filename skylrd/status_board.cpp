#include "status_board.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <unordered_map>

#include "log.h"
#include "one_line.h"
#include "util/sorted_vector.h"
#include "util/utc_time.h"
#include "version.h"

namespace skylr {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

std::string iso_time(std::chrono::system_clock::time_point when) { return util::iso_utc(when); }

std::string iso_time(const std::optional<std::chrono::system_clock::time_point>& when) {
  return when ? util::iso_utc(*when) : std::string();
}

// How far ahead of a served certificate's expiry /health warns.
constexpr auto kExpiryWarning = std::chrono::days(14);

// `certificate` as GET /status shows it; free text on one line.
protocol::StatusCertificate status_certificate(const CertificateStatus& certificate) {
  protocol::StatusCertificate status;
  status.file = certificate.file;
  status.refused = one_line(certificate.refused);
  if (!certificate.served) return status;
  const CertificateInfo& info = *certificate.served;
  status.served = true;
  status.subject = one_line(info.subject);
  for (const std::string& name : info.names) status.names.push_back(one_line(name));
  status.not_before = iso_time(info.not_before);
  status.not_after = iso_time(info.not_after);
  status.fingerprint = info.fingerprint;
  return status;
}

// /health's warnings about the certificates at `now`: the directory could not be read, a
// file is refused, a served certificate expires within kExpiryWarning (or has expired).
void certificate_warnings(const std::vector<CertificateStatus>& certificates, const std::optional<std::string>& error,
                          std::chrono::system_clock::time_point now, std::vector<std::string>& warnings) {
  if (error) warnings.push_back("certificates: " + *error);
  for (const CertificateStatus& certificate : certificates) {
    if (!certificate.refused.empty()) {
      warnings.push_back(fmt::format("certificate {} refused: {}", certificate.file, certificate.refused));
    }
    if (certificate.served && certificate.served->not_after - now < kExpiryWarning) {
      warnings.push_back(fmt::format("certificate {} {} on {}", certificate.file,
                                     certificate.served->not_after < now ? "expired" : "expires",
                                     iso_time(certificate.served->not_after)));
    }
  }
}

protocol::StatusServer status_server(const Server& server, std::string slot) {
  return {server.name, server.address, server.port, server.task_id, std::move(slot)};
}

void put_apply(const ApplyOutcome& apply, protocol::SkylrdStatus& status) {
  status.last_apply_status = apply_status_name(apply.status);
  status.last_apply_stage = stage_name(apply.failed_stage);
  status.last_apply_message = one_line(apply.message);
  status.last_apply_duration_ms = apply.duration.count();
  status.last_apply_method = apply_method_name(apply.method);
  status.last_apply_reload_reason = reload_reason_name(apply.reload_reason);
}

void put_counters(const ApplyCounters& counters, protocol::SkylrdStatus& status) {
  status.runtime_updates = static_cast<std::int64_t>(counters.runtime_updates);
  for (const auto& [reason, count] : counters.reloads) {
    status.reloads[std::string(reload_reason_name(reason))] = static_cast<std::int64_t>(count);
  }
  status.last_reload = iso_time(counters.last_reload_at);
  status.last_reload_reason = reload_reason_name(counters.last_reload_reason);
  status.last_reload_detail = counters.last_reload_detail;
  status.last_error = one_line(counters.last_error);
  status.last_error_at = iso_time(counters.last_error_at);
}

// Whether `backends`' service gets a row: not a spare backend of label discovery.
bool has_row(const Config& config, const ServiceBackends& backends) {
  auto service = config.services.find(backends.service);
  return service != config.services.end() && service->second.origin != ServiceOrigin::kSpare;
}

// The row of `backends`' service (has_row).
protocol::StatusService status_row(const Config& config, const ServiceBackends& backends) {
  const ServiceConfig& service = config.services.at(backends.service);
  protocol::StatusService row;
  row.name = backends.service;
  row.app_id = service.app_id;
  row.port = service.port;
  row.app_found = backends.app_found;
  for (const Server& server : backends.servers) row.servers.push_back(status_server(server, ""));
  return row;
}

// Sets `row`'s slot count, its servers' slots and its draining servers from `slots`.
void put_slots(const SlotTable& slots, protocol::StatusService& row) {
  row.draining.clear();
  const ServiceSlots* service = slots.find(row.name);
  row.slots = service != nullptr ? static_cast<std::int64_t>(service->slots.size()) : 0;
  std::unordered_map<std::string_view, std::size_t> live;  // server name -> slot index
  for (std::size_t i = 0; service != nullptr && i < service->slots.size(); ++i) {
    const Slot& slot = service->slots[i];
    if (slot.use == SlotUse::kLive) live.emplace(slot.server.name, i);
    if (slot.use == SlotUse::kDraining) row.draining.push_back(status_server(slot.server, slot_name(i)));
  }
  for (protocol::StatusServer& server : row.servers) {
    auto found = live.find(server.name);
    server.slot = found != live.end() ? slot_name(found->second) : "";
  }
}

// The name of the service of `row`: the key the rows are sorted by.
std::string_view row_name(const protocol::StatusService& row) { return row.name; }

}  // namespace

void StatusBoard::record(const Config& config, const SyncReport& report,
                         const ApplyCounters& counters, std::chrono::system_clock::time_point when) {
  std::lock_guard lock(mutex_);
  sync_error_ = report.fetch_error;
  counters_ = counters;
  refused_.reset();
  if (report.fetch_error) return;
  if (report.verdict == AnswerVerdict::kRefused) {
    refused_ = report.verdict_detail;
    return;
  }
  ever_synced_ = true;
  last_sync_ok_ = when;
  last_apply_ = report.apply;
  if (report.apply.status == ApplyStatus::kFailed) return;
  if (report.scope == ReadScope::kFull) {
    services_.clear();
    for (const ServiceBackends& backends : report.model.services) {
      if (has_row(config, backends)) services_.push_back(status_row(config, backends));
    }
    problems_ = report.model.problems;
    return;
  }
  for (const ServiceBackends& backends : report.model.services) {
    if (has_row(config, backends)) util::put_sorted(services_, status_row(config, backends), row_name);
  }
  Model served{{}, std::move(problems_)};
  merge_model(served, Model{{}, report.model.problems}, report.apps_read);
  problems_ = std::move(served.problems);
}

void StatusBoard::record_reads(ReadScope scope, std::size_t reads, std::uint64_t bytes) {
  std::lock_guard lock(mutex_);
  (scope == ReadScope::kFull ? full_reads_ : app_reads_) += static_cast<std::int64_t>(reads);
  bytes_read_ += static_cast<std::int64_t>(bytes);
}

void StatusBoard::record_slots(const SlotTable& slots) {
  std::lock_guard lock(mutex_);
  for (protocol::StatusService& row : services_) put_slots(slots, row);
}

void StatusBoard::record_slots(const SlotTable& slots, const Model& part) {
  std::lock_guard lock(mutex_);
  for (const ServiceBackends& backends : part.services) {
    if (protocol::StatusService* row = util::find_sorted(services_, backends.service, row_name)) put_slots(slots, *row);
  }
}

void StatusBoard::record_haproxy(const SupervisionReport& report) {
  std::lock_guard lock(mutex_);
  haproxy_ = report;
  if (report.restarted) ++haproxy_restarts_;
}

void StatusBoard::record_config_reload(std::chrono::system_clock::time_point when,
                                       std::vector<std::string> problems) {
  std::lock_guard lock(mutex_);
  config_reload_.last_attempt = iso_time(when);
  config_reload_.result = problems.empty() ? "applied" : "refused";
  config_reload_.problems.clear();
  for (const std::string& problem : problems) config_reload_.problems.push_back(one_line(problem));
}

void StatusBoard::record_certificates(const std::vector<CertificateStatus>& certificates,
                                      std::optional<std::string> error) {
  std::lock_guard lock(mutex_);
  certificates_ = certificates;
  certificate_error_ = std::move(error);
}

Health StatusBoard::health() const {
  std::lock_guard lock(mutex_);
  Health health;
  if (!ever_synced_) health.reasons.push_back("no successful sync with Marathon yet");
  if (sync_error_) health.reasons.push_back("cannot read Marathon: " + *sync_error_);
  if (refused_) health.reasons.push_back("keeping the last good config: " + *refused_);
  if (last_apply_ && last_apply_->status == ApplyStatus::kFailed) {
    health.reasons.push_back(fmt::format("HAProxy is not on the latest config: {} failed: {}",
                                         stage_name(last_apply_->failed_stage), last_apply_->message));
  }
  if (haproxy_ && !haproxy_->serving) health.reasons.push_back("HAProxy is not serving: " + haproxy_->problem);
  for (const Problem& problem : problems_) {
    if (problem.kind == ProblemKind::kAppKept) health.reasons.push_back(problem.message);
  }
  if (config_reload_.result == "refused") {
    health.warnings.push_back(fmt::format("config file refused on SIGHUP at {}; the one before keeps serving: {}",
                                          config_reload_.last_attempt, fmt::join(config_reload_.problems, " | ")));
  }
  certificate_warnings(certificates_, certificate_error_, std::chrono::system_clock::now(), health.warnings);
  for (std::string& reason : health.reasons) reason = one_line(reason);
  health.ok = health.reasons.empty();
  return health;
}

std::string StatusBoard::health_json() const {
  Health verdict = health();
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  json.Key("status");
  json.String(!verdict.ok ? "unhealthy" : verdict.warnings.empty() ? "ok" : "degraded");
  if (!verdict.ok || !verdict.warnings.empty()) {
    json.Key("reasons");
    json.StartArray();
    for (const auto* list : {&verdict.reasons, &verdict.warnings}) {
      for (const std::string& reason : *list) {
        json.String(reason.data(), static_cast<rapidjson::SizeType>(reason.size()));
      }
    }
    json.EndArray();
  }
  json.EndObject();
  return buffer.GetString();
}

protocol::SkylrdStatus StatusBoard::status() const {
  bool healthy = health().ok;
  std::lock_guard lock(mutex_);
  protocol::SkylrdStatus status;
  status.version = skylrd_version();
  status.healthy = healthy;
  status.synced = ever_synced_ && !sync_error_ && !refused_;
  status.last_sync = iso_time(last_sync_ok_);
  status.last_sync_error = one_line(sync_error_.value_or(""));
  if (last_apply_) put_apply(*last_apply_, status);
  put_counters(counters_, status);
  status.services = services_;
  status.haproxy_serving = haproxy_ && haproxy_->serving;
  status.haproxy_restarts = haproxy_restarts_;
  status.full_reads = full_reads_;
  status.app_reads = app_reads_;
  status.bytes_read = bytes_read_;
  if (haproxy_) status.haproxy_problem = one_line(haproxy_->problem);
  if (refused_) status.problems.push_back(one_line("keeping the last good config: " + *refused_));
  for (const Problem& problem : problems_) status.problems.push_back(one_line(problem.message));
  status.config_reload = config_reload_;
  for (const CertificateStatus& certificate : certificates_) status.certificates.push_back(status_certificate(certificate));
  for (const LogEntry& entry : recent_log_lines()) {
    status.recent_events.push_back({log_time(entry.when), std::string(log_level_name(entry.level)), entry.message});
  }
  return status;
}

std::string StatusBoard::status_json() const { return protocol::write_skylrd_status(status()); }

}  // namespace skylr
