// Job updates: authorisation against the config, and what is sent to Marathon.
#include "protocol/job_update.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "config/update_fields.h"
#include "util/object_reader.h"

namespace skylr::protocol {

using config::is_known_update_field;
using util::quote;
namespace {

bool is_tracked(const std::string& app_id, const Config& config) {
  return std::any_of(config.services.begin(), config.services.end(),
                     [&](const auto& service) { return service.second.app_id == app_id; });
}

bool is_allowed(const std::string& field, const std::vector<std::string>& allowed) {
  return is_known_update_field(field) && std::find(allowed.begin(), allowed.end(), field) != allowed.end();
}

}  // namespace

Status authorize_updates(const std::vector<AppUpdate>& updates, const Config& config) {
  const std::vector<std::string>& allowed = config.job_updates.fields;
  for (const AppUpdate& update : updates) {
    if (!is_tracked(update.app_id, config)) {
      return Error{fmt::format("app {} is not tracked by this skylrd", update.app_id)};
    }
    for (const FieldUpdate& field : update.fields) {
      if (is_allowed(field.name, allowed)) continue;
      return Error{fmt::format("field {} of app {} is not allowed (allowed: {})", quote(field.name),
                               update.app_id, fmt::join(allowed, ", "))};
    }
  }
  return {};
}

std::string marathon_update_target(const AppUpdate& update, bool force) {
  return fmt::format("/v2/apps{}?force={}", update.app_id, force);
}

std::string marathon_update_body(const AppUpdate& update) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
  json.StartObject();
  for (const FieldUpdate& field : update.fields) {
    json.Key(field.name.data(), static_cast<rapidjson::SizeType>(field.name.size()));
    json.RawValue(field.json.data(), field.json.size(), rapidjson::kNumberType);
  }
  json.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string describe_fields(const AppUpdate& update) {
  std::vector<std::string> parts;
  for (const FieldUpdate& field : update.fields) parts.push_back(field.name + "=" + field.json);
  return fmt::format("{}", fmt::join(parts, " "));
}

}  // namespace skylr::protocol
