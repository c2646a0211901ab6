// write_skylrd_status: the `GET /status` body, member for member what
// parse_skylrd_status reads.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "protocol/status.h"

namespace skylr::protocol {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void put(JsonWriter& json, const char* key, std::string_view text) {
  json.Key(key);
  json.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}
void put(JsonWriter& json, const char* key, std::int64_t number) {
  json.Key(key);
  json.Int64(number);
}
void put(JsonWriter& json, const char* key, bool flag) {
  json.Key(key);
  json.Bool(flag);
}

// Writes `text` as the member `key`, null when it is empty.
void put_or_null(JsonWriter& json, const char* key, std::string_view text) {
  if (!text.empty()) return put(json, key, text);
  json.Key(key);
  json.Null();
}

void write_servers(JsonWriter& json, const char* key, const std::vector<StatusServer>& servers) {
  json.Key(key);
  json.StartArray();
  for (const StatusServer& server : servers) {
    json.StartObject();
    put(json, "name", server.name);
    put(json, "address", server.address);
    put(json, "port", std::int64_t{server.port});
    put(json, "task_id", server.task_id);
    put_or_null(json, "slot", server.slot);
    json.EndObject();
  }
  json.EndArray();
}

void write_service(JsonWriter& json, const StatusService& service) {
  json.StartObject();
  put(json, "name", service.name);
  put(json, "app_id", service.app_id);
  put(json, "port", std::int64_t{service.port});
  put(json, "app_found", service.app_found);
  write_servers(json, "servers", service.servers);
  put(json, "slots", service.slots);
  write_servers(json, "draining", service.draining);
  json.EndObject();
}

void write_last_apply(JsonWriter& json, const SkylrdStatus& status) {
  json.Key("last_apply");
  if (status.last_apply_status.empty()) {
    json.Null();
    return;
  }
  json.StartObject();
  put(json, "status", status.last_apply_status);
  put(json, "stage", status.last_apply_stage);
  put(json, "message", status.last_apply_message);
  put(json, "duration_ms", status.last_apply_duration_ms);
  put(json, "method", status.last_apply_method);
  put(json, "reload_reason", status.last_apply_reload_reason);
  json.EndObject();
}

void write_reloads(JsonWriter& json, const SkylrdStatus& status) {
  put(json, "runtime_updates", status.runtime_updates);
  json.Key("reloads");
  json.StartObject();
  for (const auto& [reason, count] : status.reloads) put(json, reason.c_str(), count);
  json.EndObject();
  put_or_null(json, "last_reload", status.last_reload);
  put(json, "last_reload_reason", status.last_reload_reason);
  put(json, "last_reload_detail", status.last_reload_detail);
}

void write_strings(JsonWriter& json, const char* key, const std::vector<std::string>& texts) {
  json.Key(key);
  json.StartArray();
  for (const std::string& text : texts) json.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  json.EndArray();
}

void write_config_reload(JsonWriter& json, const StatusConfigReload& reload) {
  json.Key("config_reload");
  if (reload.last_attempt.empty()) {
    json.Null();
    return;
  }
  json.StartObject();
  put(json, "last_attempt", reload.last_attempt);
  put(json, "result", reload.result);
  write_strings(json, "problems", reload.problems);
  json.EndObject();
}

void write_certificate(JsonWriter& json, const StatusCertificate& certificate) {
  json.StartObject();
  put(json, "file", certificate.file);
  put(json, "served", certificate.served);
  put(json, "subject", certificate.subject);
  write_strings(json, "names", certificate.names);
  put_or_null(json, "not_before", certificate.not_before);
  put_or_null(json, "not_after", certificate.not_after);
  put(json, "fingerprint", certificate.fingerprint);
  put_or_null(json, "refused", certificate.refused);
  json.EndObject();
}

}  // namespace

std::string write_skylrd_status(const SkylrdStatus& status) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  put(json, "version", status.version);
  put(json, "healthy", status.healthy);
  put(json, "synced", status.synced);
  put_or_null(json, "last_sync", status.last_sync);
  put_or_null(json, "last_sync_error", status.last_sync_error);
  write_last_apply(json, status);
  write_reloads(json, status);
  put(json, "last_error", status.last_error);
  put_or_null(json, "last_error_at", status.last_error_at);
  json.Key("haproxy");
  json.StartObject();
  put(json, "serving", status.haproxy_serving);
  put(json, "restarts", status.haproxy_restarts);
  put(json, "problem", status.haproxy_problem);
  json.EndObject();
  json.Key("marathon_reads");
  json.StartObject();
  put(json, "full", status.full_reads);
  put(json, "app", status.app_reads);
  put(json, "bytes", status.bytes_read);
  json.EndObject();
  json.Key("services");
  json.StartArray();
  for (const StatusService& service : status.services) write_service(json, service);
  json.EndArray();
  write_strings(json, "problems", status.problems);
  write_config_reload(json, status.config_reload);
  json.Key("certificates");
  json.StartArray();
  for (const StatusCertificate& certificate : status.certificates) write_certificate(json, certificate);
  json.EndArray();
  json.Key("recent_events");
  json.StartArray();
  for (const StatusEvent& event : status.recent_events) {
    json.StartObject();
    put(json, "time", event.time);
    put(json, "level", event.level);
    put(json, "message", event.message);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return buffer.GetString();
}

}  // namespace skylr::protocol
