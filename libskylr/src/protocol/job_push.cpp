#include "protocol/job_push.h"

#include <fmt/format.h>

#include <utility>

#include "skylr/marathon.h"
#include "util/json_read.h"

namespace skylr::protocol {

using util::compact_json;
using util::describe_json;
using util::find_member;
using util::parse_json;
namespace {

using rapidjson::Value;

// The object `file_text` holds ({} when empty), checked against `app_id` and without "id".
Result<rapidjson::Document> file_object(std::string_view app_id, std::string_view file_text,
                                        std::string_view file_name) {
  rapidjson::Document object;
  if (file_text.empty()) {
    object.SetObject();
    return object;
  }
  Result<rapidjson::Document> parsed = parse_json(file_text, file_name);
  if (!parsed) return parsed.error();
  if (!parsed->IsObject()) {
    return Error{fmt::format("{}: expected an object, got {}", file_name, describe_json(*parsed))};
  }
  if (const Value* id = find_member(*parsed, "id")) {
    std::string named = id->IsString() ? normalize_app_id({id->GetString(), id->GetStringLength()}) : "";
    if (named != app_id) {
      return Error{
          fmt::format("{}: \"id\" is {}, not the app pushed ({})", file_name, describe_json(*id), app_id)};
    }
    parsed->EraseMember("id");  // keeps the order of the others
  }
  return std::move(*parsed);
}

void set_member(rapidjson::Document& object, const char* key, Value value) {
  if (auto it = object.FindMember(key); it != object.MemberEnd()) {
    it->value = value;
  } else {
    object.AddMember(rapidjson::StringRef(key), value, object.GetAllocator());
  }
}

}  // namespace

Result<std::string> push_body(std::string_view app_id, std::string_view file_text, std::string_view file_name,
                              const AppFieldOverrides& overrides) {
  Result<rapidjson::Document> body = file_object(app_id, file_text, file_name);
  if (!body) return body.error();
  if (overrides.instances) set_member(*body, "instances", Value(*overrides.instances));
  if (overrides.cpus) set_member(*body, "cpus", Value(*overrides.cpus));
  if (overrides.mem) set_member(*body, "mem", Value(*overrides.mem));
  return compact_json(*body);
}

}  // namespace skylr::protocol
