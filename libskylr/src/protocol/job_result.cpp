// Job-update results: made from Marathon's answers, written by skylrd, read by skylrctl.
#include "protocol/job_result.h"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <utility>

#include "util/json_read.h"

namespace skylr::protocol {

using util::compact_json;
using util::find_member;
using util::JsonPath;
using util::parse_json;
using util::read_int;
using util::read_string;
using util::type_error;
namespace {

using rapidjson::Value;
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr std::size_t kMaxQuotedBody = 200;

// The first bytes of `text` as printable ASCII (others become '?'), for logs and for
// bodies that are not JSON.
std::string printable_prefix(std::string_view text) {
  std::string out(text.substr(0, kMaxQuotedBody));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  }
  return out;
}

// What a body without a JSON message says: its printable prefix, or "HTTP <status>" when empty.
std::string body_text(int status, std::string_view body) {
  return body.empty() ? fmt::format("HTTP {}", status) : printable_prefix(body);
}

bool answered(const AppResult& result) { return result.error.empty(); }

bool succeeded(const AppResult& result) { return answered(result) && result.status / 100 == 2; }

std::string string_member(const Value& object, std::string_view key) {
  const Value* value = find_member(object, key);
  if (value == nullptr || !value->IsString()) return "";
  return {value->GetString(), value->GetStringLength()};
}

// The ids of Marathon's "deployments": strings, or objects with an "id".
std::vector<std::string> deployment_ids(const Value& object) {
  std::vector<std::string> ids;
  const Value* list = find_member(object, "deployments");
  if (list == nullptr || !list->IsArray()) return ids;
  for (const auto& entry : list->GetArray()) {
    if (entry.IsString()) ids.emplace_back(entry.GetString(), entry.GetStringLength());
    if (entry.IsObject() && !string_member(entry, "id").empty()) ids.push_back(string_member(entry, "id"));
  }
  return ids;
}

// A 2xx answer; `body` is its JSON object, or null.
AppResult success_result(const HttpResponse& answer, const Value* body) {
  AppResult result;
  result.status = answer.status;
  auto header = answer.headers.find("marathon-deployment-id");
  if (header != answer.headers.end()) result.deployment_id = header->second;
  if (body == nullptr) return result;
  if (std::string id = string_member(*body, "deploymentId"); !id.empty()) result.deployment_id = id;
  result.version = string_member(*body, "version");
  return result;
}

// Any other answer; `body` is its JSON object, or null.
AppResult failure_result(const HttpResponse& answer, const Value* body) {
  AppResult result;
  result.status = answer.status;
  if (body == nullptr) {
    result.message = body_text(answer.status, answer.body);
    return result;
  }
  result.message = string_member(*body, "message");
  result.deployments = deployment_ids(*body);
  if (const Value* details = find_member(*body, "details")) result.details = compact_json(*details);
  return result;
}

void write_string(JsonWriter& json, std::string_view value) {
  json.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void write_string(JsonWriter& json, std::string_view key, std::string_view value) {
  json.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  write_string(json, value);
}

// The members of an answered result.
void write_answer(JsonWriter& json, const AppResult& result) {
  json.Key("status");
  json.Int(result.status);
  if (result.status / 100 == 2) {
    if (!result.deployment_id.empty()) write_string(json, "deploymentId", result.deployment_id);
    if (!result.version.empty()) write_string(json, "version", result.version);
    return;
  }
  write_string(json, "message", result.message);
  if (!result.deployments.empty()) {
    json.Key("deployments");
    json.StartArray();
    for (const std::string& id : result.deployments) write_string(json, id);
    json.EndArray();
  }
  if (!result.details.empty()) {
    json.Key("details");
    json.RawValue(result.details.data(), result.details.size(), rapidjson::kArrayType);
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

// The optional string members of `entry` into `result`.
Status read_strings(const Value& entry, const JsonPath& path, AppResult& result) {
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
  return {};
}

Result<AppResult> read_result(const Value& entry, const JsonPath& path) {
  if (!entry.IsObject()) return type_error(path, "an object", entry);
  AppResult result;
  if (const Value* status = find_member(entry, "status")) {
    Result<int> code = read_int(*status, path.member("status"), 100, 599);
    if (!code) return code.error();
    result.status = *code;
  }
  if (Status strings = read_strings(entry, path, result); !strings) return strings.error();
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

AppResult app_result(const Result<HttpResponse>& marathon_answer) {
  if (!marathon_answer) {
    AppResult result;
    result.error = marathon_answer.error().message;
    return result;
  }
  const HttpResponse& answer = *marathon_answer;
  Result<rapidjson::Document> body = parse_json(answer.body, "Marathon's answer");
  const Value* object = body && body->IsObject() ? &*body : nullptr;
  return answer.status / 100 == 2 ? success_result(answer, object) : failure_result(answer, object);
}

std::string write_update_results(const std::vector<AppOutcome>& outcomes) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  json.Key("results");
  json.StartObject();
  for (const AppOutcome& outcome : outcomes) {
    json.Key(outcome.app_id.data(), static_cast<rapidjson::SizeType>(outcome.app_id.size()));
    json.StartObject();
    if (answered(outcome.result)) {
      write_answer(json, outcome.result);
    } else {
      write_string(json, "error", outcome.result.error);
    }
    json.EndObject();
  }
  json.EndObject();
  json.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

Result<AppResult> parse_app_result(std::string_view body, std::string_view app_id) {
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

int update_status(const std::vector<AppOutcome>& outcomes) {
  auto done = [](const AppOutcome& outcome) { return succeeded(outcome.result); };
  if (std::all_of(outcomes.begin(), outcomes.end(), done)) return 200;
  auto unanswered = [](const AppOutcome& outcome) {
    return !answered(outcome.result) || outcome.result.status >= 500;
  };
  if (std::any_of(outcomes.begin(), outcomes.end(), unanswered)) return 502;
  auto locked_or_done = [](const AppOutcome& outcome) {
    return succeeded(outcome.result) || outcome.result.status == 409;
  };
  return std::all_of(outcomes.begin(), outcomes.end(), locked_or_done) ? 409 : 422;
}

std::string describe_outcome(const AppResult& result) {
  if (!answered(result)) return "failed: " + result.error;
  if (!succeeded(result)) return fmt::format("HTTP {}: {}", result.status, printable_prefix(result.message));
  if (result.deployment_id.empty()) return fmt::format("HTTP {}", result.status);
  return fmt::format("HTTP {} deployment {}", result.status, result.deployment_id);
}

std::string answer_message(int status, std::string_view body) {
  Result<rapidjson::Document> document = parse_json(body, "answer");
  if (document && document->IsObject()) {
    const Value* message = find_member(*document, "message");
    if (message != nullptr && message->IsString()) return {message->GetString(), message->GetStringLength()};
  }
  return body_text(status, body);
}

}  // namespace skylr::protocol
