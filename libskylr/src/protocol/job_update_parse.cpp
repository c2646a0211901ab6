// Parsing job-update bodies: shape, app ids, repeated keys and known field values.
#include <fmt/format.h>

#include <algorithm>

#include "config/strings.h"
#include "config/update_fields.h"
#include "protocol/job_update.h"
#include "skylr/marathon.h"
#include "util/json_read.h"
#include "util/object_reader.h"

namespace skylr::protocol {

using config::is_plain_name_char;

using config::check_field_value;
using util::compact_json;
using util::JsonPath;
using util::parse_json;
using util::quote;
using util::type_error;
namespace {

std::string_view view(const rapidjson::Value& string) {
  return {string.GetString(), string.GetStringLength()};
}

bool is_valid_segment(std::string_view segment) {
  return !segment.empty() && segment != "." && segment != ".." &&
         std::all_of(segment.begin(), segment.end(), is_plain_name_char);
}

// `id` normalized, when it is "/"-separated valid segments with an optional leading "/".
Result<std::string> read_app_id(std::string_view id) {
  std::string_view rest = id.starts_with('/') ? id.substr(1) : id;
  for (;;) {
    std::size_t slash = rest.find('/');
    if (!is_valid_segment(rest.substr(0, slash))) {
      return Error{fmt::format("app id {} is not valid: use segments of letters, digits, '.', '_' and '-' "
                               "separated by '/', none of them \".\" or \"..\"",
                               quote(id))};
    }
    if (slash == std::string_view::npos) return normalize_app_id(id);
    rest = rest.substr(slash + 1);
  }
}

// The fields of the object `fields` at `path` for the app `app_id`.
Result<AppUpdate> read_app(std::string_view app_id, const rapidjson::Value& fields, const JsonPath& path) {
  Result<std::string> id = read_app_id(app_id);
  if (!id) return id.error();
  if (!fields.IsObject()) return type_error(path, "an object of app fields", fields);
  if (fields.MemberCount() == 0) return Error{fmt::format("{}: no field to update", path.str())};
  AppUpdate update{std::move(*id), {}};
  for (const auto& member : fields.GetObject()) {
    std::string_view name = view(member.name);
    JsonPath field_path = path.member(name);
    auto same = [&](const FieldUpdate& earlier) { return earlier.name == name; };
    if (std::any_of(update.fields.begin(), update.fields.end(), same)) {
      return Error{fmt::format("{}: field {} appears twice", path.str(), quote(name))};
    }
    if (Status checked = check_field_value(name, member.value, field_path); !checked) return checked.error();
    update.fields.push_back({std::string(name), compact_json(member.value)});
  }
  return update;
}

}  // namespace

Result<std::vector<AppUpdate>> parse_update_apps(std::string_view body) {
  Result<rapidjson::Document> document = parse_json(body, "request body");
  if (!document) return document.error();
  JsonPath root;
  if (!document->IsObject()) return type_error(root, "an object of app ids to app fields", *document);
  if (document->MemberCount() == 0) return Error{"(document): no app to update"};
  std::vector<AppUpdate> updates;
  for (const auto& member : document->GetObject()) {
    Result<AppUpdate> update = read_app(view(member.name), member.value, root.member(view(member.name)));
    if (!update) return update.error();
    auto same = [&](const AppUpdate& earlier) { return earlier.app_id == update->app_id; };
    if (std::any_of(updates.begin(), updates.end(), same)) {
      return Error{fmt::format("app {} appears twice", update->app_id)};
    }
    updates.push_back(std::move(*update));
  }
  return updates;
}

Result<AppUpdate> parse_update_app(std::string_view app_id, std::string_view body) {
  Result<rapidjson::Document> document = parse_json(body, "request body");
  if (!document) return document.error();
  return read_app(app_id, *document, JsonPath());
}

}  // namespace skylr::protocol
