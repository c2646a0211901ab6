// Reporting Marathon's answers to a job update.
#include "protocol/job_result.h"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <optional>

#include "util/json_read.h"

namespace skylr::protocol {

using util::find_member;
using util::parse_json;
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr std::size_t kMaxQuotedBody = 200;

// What skylrd reports of one answer of Marathon's.
struct Reply {
  std::string deployment_id;
  std::string version;
  std::string message;
  std::vector<std::string> deployments;  // ids of the deployments holding the app
  std::string details;                   // compact JSON, empty when absent
};

std::string string_member(const rapidjson::Value& object, std::string_view key) {
  const rapidjson::Value* value = find_member(object, key);
  if (value == nullptr || !value->IsString()) return "";
  return {value->GetString(), value->GetStringLength()};
}

// The first bytes of `text` as printable ASCII (others become '?'), for logs and for
// bodies that are not JSON.
std::string printable_prefix(std::string_view text) {
  std::string out(text.substr(0, kMaxQuotedBody));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  }
  return out;
}

std::vector<std::string> deployment_ids(const rapidjson::Value& object) {
  std::vector<std::string> ids;
  const rapidjson::Value* list = find_member(object, "deployments");
  if (list == nullptr || !list->IsArray()) return ids;
  for (const auto& entry : list->GetArray()) {
    if (entry.IsString()) ids.emplace_back(entry.GetString(), entry.GetStringLength());
    if (entry.IsObject() && !string_member(entry, "id").empty()) ids.push_back(string_member(entry, "id"));
  }
  return ids;
}

std::string compact(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

Reply read_reply(const HttpResponse& answer) {
  Reply reply;
  auto header = answer.headers.find("marathon-deployment-id");
  if (header != answer.headers.end()) reply.deployment_id = header->second;
  Result<rapidjson::Document> body = parse_json(answer.body, "Marathon's answer");
  if (!body || !body->IsObject()) {
    reply.message =
        answer.body.empty() ? fmt::format("HTTP {}", answer.status) : printable_prefix(answer.body);
    return reply;
  }
  if (std::string id = string_member(*body, "deploymentId"); !id.empty()) reply.deployment_id = id;
  reply.version = string_member(*body, "version");
  reply.message = string_member(*body, "message");
  reply.deployments = deployment_ids(*body);
  if (const rapidjson::Value* details = find_member(*body, "details")) reply.details = compact(*details);
  return reply;
}

bool succeeded(const AppOutcome& outcome) { return outcome.answer && outcome.answer->status / 100 == 2; }

void write_string(JsonWriter& json, std::string_view value) {
  json.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void write_string(JsonWriter& json, std::string_view key, std::string_view value) {
  json.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  write_string(json, value);
}

void write_reply(JsonWriter& json, int status, const Reply& reply) {
  json.Key("status");
  json.Int(status);
  if (status / 100 == 2) {
    if (!reply.deployment_id.empty()) write_string(json, "deploymentId", reply.deployment_id);
    if (!reply.version.empty()) write_string(json, "version", reply.version);
    return;
  }
  write_string(json, "message", reply.message);
  if (!reply.deployments.empty()) {
    json.Key("deployments");
    json.StartArray();
    for (const std::string& id : reply.deployments) write_string(json, id);
    json.EndArray();
  }
  if (!reply.details.empty()) {
    json.Key("details");
    json.RawValue(reply.details.data(), reply.details.size(), rapidjson::kArrayType);
  }
}

}  // namespace

std::string format_update_results(const std::vector<AppOutcome>& outcomes) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  json.Key("results");
  json.StartObject();
  for (const AppOutcome& outcome : outcomes) {
    json.Key(outcome.app_id.data(), static_cast<rapidjson::SizeType>(outcome.app_id.size()));
    json.StartObject();
    if (outcome.answer) {
      write_reply(json, outcome.answer->status, read_reply(*outcome.answer));
    } else {
      write_string(json, "error", outcome.answer.error().message);
    }
    json.EndObject();
  }
  json.EndObject();
  json.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

int update_status(const std::vector<AppOutcome>& outcomes) {
  if (std::all_of(outcomes.begin(), outcomes.end(), succeeded)) return 200;
  auto unanswered = [](const AppOutcome& outcome) {
    return !outcome.answer || outcome.answer->status >= 500;
  };
  if (std::any_of(outcomes.begin(), outcomes.end(), unanswered)) return 502;
  auto locked_or_done = [](const AppOutcome& outcome) {
    return succeeded(outcome) || outcome.answer->status == 409;
  };
  return std::all_of(outcomes.begin(), outcomes.end(), locked_or_done) ? 409 : 422;
}

std::string describe_outcome(const AppOutcome& outcome) {
  if (!outcome.answer) return "failed: " + outcome.answer.error().message;
  Reply reply = read_reply(*outcome.answer);
  int status = outcome.answer->status;
  if (!succeeded(outcome)) return fmt::format("HTTP {}: {}", status, printable_prefix(reply.message));
  if (reply.deployment_id.empty()) return fmt::format("HTTP {}", status);
  return fmt::format("HTTP {} deployment {}", status, reply.deployment_id);
}

}  // namespace skylr::protocol
