#include "status_board.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <unordered_map>

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

std::string_view method_name(ApplyMethod method) {
  switch (method) {
    case ApplyMethod::kNone:
      return "none";
    case ApplyMethod::kRuntime:
      return "runtime";
    case ApplyMethod::kReload:
      return "reload";
  }
  return "none";
}

void write_string(JsonWriter& json, std::string_view text) {
  json.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

// Writes the member `key` with a value: text, integer, bool, optional time (null when absent).
void put(JsonWriter& json, const char* key, std::string_view text) {
  json.Key(key);
  write_string(json, text);
}
void put(JsonWriter& json, const char* key, std::int64_t number) {
  json.Key(key);
  json.Int64(number);
}
void put(JsonWriter& json, const char* key, bool flag) {
  json.Key(key);
  json.Bool(flag);
}
void put(JsonWriter& json, const char* key, const std::optional<std::chrono::system_clock::time_point>& when) {
  json.Key(key);
  if (when) {
    write_string(json, iso_time(*when));
  } else {
    json.Null();
  }
}

// Writes `server` as an object, with the slot that holds it ("" when not known: null).
void write_server(JsonWriter& json, const Server& server, std::string_view slot) {
  json.StartObject();
  put(json, "name", server.name);
  put(json, "address", server.address);
  put(json, "port", std::int64_t{server.port});
  put(json, "task_id", server.task_id);
  json.Key("slot");
  if (slot.empty()) {
    json.Null();
  } else {
    write_string(json, slot);
  }
  json.EndObject();
}

void write_apply(JsonWriter& json, const std::optional<ApplyOutcome>& apply) {
  if (!apply) {
    json.Null();
    return;
  }
  json.StartObject();
  put(json, "status", status_name(apply->status));
  put(json, "stage", stage_name(apply->failed_stage));
  put(json, "message", apply->message);
  put(json, "duration_ms", std::int64_t{apply->duration.count()});
  put(json, "method", method_name(apply->method));
  put(json, "reload_reason", reload_reason_name(apply->reload_reason));
  json.EndObject();
}

// Runtime updates, reloads by reason and the last reload's reason.
void write_reloads(JsonWriter& json, const ApplyCounters& counters) {
  put(json, "runtime_updates", static_cast<std::int64_t>(counters.runtime_updates));
  json.Key("reloads");
  json.StartObject();
  for (const auto& [reason, count] : counters.reloads) {
    put(json, std::string(reload_reason_name(reason)).c_str(), static_cast<std::int64_t>(count));
  }
  json.EndObject();
  put(json, "last_reload", counters.last_reload_at);
  put(json, "last_reload_reason", reload_reason_name(counters.last_reload_reason));
  put(json, "last_reload_detail", counters.last_reload_detail);
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
    services_.push_back({backends.service, service.app_id, service.port, backends.app_found,
                         backends.servers, {}, 0, {}});
  }
  problems_ = report.model.problems;
}

void StatusBoard::record_slots(const SlotTable& slots) {
  std::lock_guard lock(mutex_);
  for (ServiceRow& row : services_) {
    row.server_slots.assign(row.servers.size(), "");
    row.draining.clear();
    const ServiceSlots* service = slots.find(row.name);
    row.slot_count = service != nullptr ? service->slots.size() : 0;
    if (service == nullptr) continue;
    std::unordered_map<std::string_view, std::size_t> live;  // server name -> slot index
    for (std::size_t i = 0; i < service->slots.size(); ++i) {
      const Slot& slot = service->slots[i];
      if (slot.use == SlotUse::kLive) live.emplace(slot.server.name, i);
      if (slot.use == SlotUse::kDraining) row.draining.emplace_back(slot_name(i), slot.server);
    }
    for (std::size_t i = 0; i < row.servers.size(); ++i) {
      auto found = live.find(row.servers[i].name);
      if (found != live.end()) row.server_slots[i] = slot_name(found->second);
    }
  }
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
  put(json, "status", std::string_view(verdict.ok ? "ok" : "unhealthy"));
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
  put(json, "healthy", healthy);
  put(json, "synced", ever_synced_ && !sync_error_);
  put(json, "last_sync", last_sync_ok_);
  json.Key("last_sync_error");
  if (sync_error_) {
    write_string(json, *sync_error_);
  } else {
    json.Null();
  }
  json.Key("last_apply");
  write_apply(json, last_apply_);
  write_reloads(json, counters_);
  put(json, "last_error", counters_.last_error);
  put(json, "last_error_at", counters_.last_error_at);
  json.Key("services");
  json.StartArray();
  for (const ServiceRow& row : services_) {
    json.StartObject();
    put(json, "name", row.name);
    put(json, "app_id", row.app_id);
    put(json, "port", std::int64_t{row.port});
    put(json, "app_found", row.app_found);
    json.Key("servers");
    json.StartArray();
    for (std::size_t i = 0; i < row.servers.size(); ++i) {
      write_server(json, row.servers[i], i < row.server_slots.size() ? row.server_slots[i] : "");
    }
    json.EndArray();
    put(json, "slots", static_cast<std::int64_t>(row.slot_count));
    json.Key("draining");
    json.StartArray();
    for (const auto& [slot, server] : row.draining) write_server(json, server, slot);
    json.EndArray();
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
