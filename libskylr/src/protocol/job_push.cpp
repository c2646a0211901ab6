#include "protocol/job_push.h"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <utility>

#include "skylr/marathon.h"
#include "util/json_read.h"

namespace skylr::protocol {

using util::JsonPath;

using util::describe_json;
using util::find_member;
using util::parse_json;
using util::read_int;
using util::read_string;
using util::type_error;
namespace {

using rapidjson::Value;

constexpr std::size_t kMaxQuotedBody = 200;

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

// The ids of the deployments holding the app, from the optional array "deployments".
Result<std::vector<std::string>> blocking_ids(const Value& entry, const JsonPath& path) {
  std::vector<std::string> ids;
  const Value* list = find_member(entry, "deployments");
  if (list == nullptr) return ids;
  JsonPath at = path.member("deployments");
  if (!list->IsArray()) return type_error(at, "an array", *list);
  for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
    Result<std::string> id = read_string((*list)[i], at.element(i));
    if (!id) return id.error();
    ids.push_back(std::move(*id));
  }
  return ids;
}

std::string compact_json(const Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

Result<PushResult> read_result(const Value& entry, const JsonPath& path) {
  if (!entry.IsObject()) return type_error(path, "an object", entry);
  PushResult result;
  if (const Value* status = find_member(entry, "status")) {
    Result<int> code = read_int(*status, path.member("status"), 100, 599);
    if (!code) return code.error();
    result.status = *code;
  }
  std::pair<const char*, std::string*> strings[] = {{"deploymentId", &result.deployment_id},
                                                    {"version", &result.version},
                                                    {"message", &result.message},
                                                    {"error", &result.error}};
  for (auto [key, out] : strings) {
    const Value* value = find_member(entry, key);
    if (value == nullptr) continue;
    Result<std::string> text = read_string(*value, path.member(key));
    if (!text) return text.error();
    *out = std::move(*text);
  }
  Result<std::vector<std::string>> ids = blocking_ids(entry, path);
  if (!ids) return ids.error();
  result.deployments = std::move(*ids);
  if (const Value* details = find_member(entry, "details")) result.details = compact_json(*details);
  if (result.status == 0 && result.error.empty()) {
    return Error{path.str() + ": neither \"status\" nor \"error\""};
  }
  return result;
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

Result<PushResult> parse_push_result(std::string_view body, std::string_view app_id) {
  Result<rapidjson::Document> document = parse_json(body, "skylrd's answer");
  if (!document) return document.error();
  JsonPath root;
  if (!document->IsObject()) return type_error(root, "an object", *document);
  const Value* results = find_member(*document, "results");
  if (results == nullptr) return Error{"(document): no \"results\""};
  JsonPath results_path = root.member("results");
  if (!results->IsObject()) return type_error(results_path, "an object", *results);
  const Value* entry = find_member(*results, app_id);
  if (entry == nullptr) return Error{fmt::format("results: no result for {}", app_id)};
  return read_result(*entry, results_path.member(app_id));
}

std::string answer_message(int status, std::string_view body) {
  Result<rapidjson::Document> document = parse_json(body, "answer");
  if (document && document->IsObject()) {
    const Value* message = find_member(*document, "message");
    if (message != nullptr && message->IsString()) return {message->GetString(), message->GetStringLength()};
  }
  if (body.empty()) return fmt::format("HTTP {}", status);
  std::string text(body.substr(0, kMaxQuotedBody));
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  }
  return text;
}

}  // namespace skylr::protocol
