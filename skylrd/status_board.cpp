#include "status_board.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace skylr {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

std::string iso_time(std::chrono::system_clock::time_point when) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", std::chrono::time_point_cast<std::chrono::seconds>(when));
}

std::string_view status_name(ApplyStatus status) {
  switch (status) {
    case ApplyStatus::kUnchanged:
      return "unchanged";
    case ApplyStatus::kApplied:
      return "applied";
    case ApplyStatus::kFailed:
      return "failed";
  }
  return "unknown";
}

void write_string(JsonWriter& json, std::string_view text) {
  json.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void write_optional_time(JsonWriter& json, const std::optional<std::chrono::system_clock::time_point>& when) {
  if (when) {
    write_string(json, iso_time(*when));
  } else {
    json.Null();
  }
}

void write_servers(JsonWriter& json, const std::vector<Server>& servers) {
  json.StartArray();
  for (const Server& server : servers) {
    json.StartObject();
    json.Key("name");
    write_string(json, server.name);
    json.Key("address");
    write_string(json, server.address);
    json.Key("port");
    json.Int(server.port);
    json.Key("task_id");
    write_string(json, server.task_id);
    json.EndObject();
  }
  json.EndArray();
}

void write_apply(JsonWriter& json, const std::optional<ApplyOutcome>& apply) {
  if (!apply) {
    json.Null();
    return;
  }
  json.StartObject();
  json.Key("status");
  write_string(json, status_name(apply->status));
  json.Key("stage");
  write_string(json, stage_name(apply->failed_stage));
  json.Key("message");
  write_string(json, apply->message);
  json.Key("duration_ms");
  json.Int64(apply->duration.count());
  json.EndObject();
}

}  // namespace

void StatusBoard::record(const Config& config, const SyncReport& report,
                         const ApplyCounters& counters, std::chrono::system_clock::time_point when) {
  std::lock_guard lock(mutex_);
  sync_error_ = report.fetch_error;
  counters_ = counters;
  if (report.fetch_error) return;
  ever_synced_ = true;
  last_sync_ok_ = when;
  last_apply_ = report.apply;
  if (report.apply.status == ApplyStatus::kFailed) return;
  services_.clear();
  for (const ServiceBackends& backends : report.model.services) {
    const ServiceConfig& service = config.services.at(backends.service);
    services_.push_back({backends.service, service.app_id, service.port, backends.app_found, backends.servers});
  }
  problems_ = report.model.problems;
}

Health StatusBoard::health() const {
  std::lock_guard lock(mutex_);
  Health health;
  if (!ever_synced_) health.reasons.push_back("no successful sync with Marathon yet");
  if (sync_error_) health.reasons.push_back("cannot read Marathon: " + *sync_error_);
  if (last_apply_ && last_apply_->status == ApplyStatus::kFailed) {
    health.reasons.push_back(fmt::format("HAProxy is not on the latest config: {} failed: {}",
                                         stage_name(last_apply_->failed_stage), last_apply_->message));
  }
  health.ok = health.reasons.empty();
  return health;
}

std::string StatusBoard::health_json() const {
  Health verdict = health();
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  json.Key("status");
  write_string(json, verdict.ok ? "ok" : "unhealthy");
  if (!verdict.ok) {
    json.Key("reasons");
    json.StartArray();
    for (const std::string& reason : verdict.reasons) write_string(json, reason);
    json.EndArray();
  }
  json.EndObject();
  return buffer.GetString();
}

std::string StatusBoard::status_json() const {
  bool healthy = health().ok;
  std::lock_guard lock(mutex_);
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  json.Key("healthy");
  json.Bool(healthy);
  json.Key("synced");
  json.Bool(ever_synced_ && !sync_error_);
  json.Key("last_sync");
  write_optional_time(json, last_sync_ok_);
  json.Key("last_sync_error");
  if (sync_error_) {
    write_string(json, *sync_error_);
  } else {
    json.Null();
  }
  json.Key("last_apply");
  write_apply(json, last_apply_);
  json.Key("last_reload");
  write_optional_time(json, counters_.last_applied_at);
  json.Key("last_error");
  write_string(json, counters_.last_error);
  json.Key("last_error_at");
  write_optional_time(json, counters_.last_error_at);
  json.Key("services");
  json.StartArray();
  for (const ServiceRow& row : services_) {
    json.StartObject();
    json.Key("name");
    write_string(json, row.name);
    json.Key("app_id");
    write_string(json, row.app_id);
    json.Key("port");
    json.Int(row.port);
    json.Key("app_found");
    json.Bool(row.app_found);
    json.Key("servers");
    write_servers(json, row.servers);
    json.EndObject();
  }
  json.EndArray();
  json.Key("problems");
  json.StartArray();
  for (const Problem& problem : problems_) write_string(json, problem.message);
  json.EndArray();
  json.EndObject();
  return buffer.GetString();
}

}  // namespace skylr
