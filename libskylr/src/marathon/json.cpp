#include "marathon/json.h"

#include <fmt/format.h>

#include "skylr/marathon.h"

namespace skylr::marathon {

using util::JsonPath;
using util::parse_json;
using util::read_int;
using util::type_error;

Status parse_in_place(std::string_view body, std::string_view what, ParsedJson& parsed) {
  constexpr unsigned kFlags = rapidjson::kParseDefaultFlags | rapidjson::kParseIterativeFlag;
  parsed.buffer.assign(body);
  parsed.document.ParseInsitu<kFlags>(parsed.buffer.data());
  if (!parsed.document.HasParseError()) return {};
  auto document = parse_json(body, what);  // the same failure, told in its words
  if (!document) return document.error();
  parsed.document = std::move(*document);
  return {};
}

Status parse_object(std::string_view body, std::string_view what, ParsedJson& parsed) {
  if (Status status = parse_in_place(body, what, parsed); !status) return status;
  return check_object(parsed.document, JsonPath());
}

Error missing_key(const JsonPath& path) {
  return Error{fmt::format("{}: required key is missing", path.str())};
}

Status check_object(const rapidjson::Value& value, const JsonPath& path) {
  if (!value.IsObject()) return type_error(path, "an object", value);
  return {};
}

Status check_optional_object(const Member& member) {
  if (member.value == nullptr) return {};
  return check_object(*member.value, member.path);
}

Status read_required(const Member& member, std::string& out) {
  if (member.value == nullptr) return missing_key(member.path);
  return read_optional(member, out);
}

Status read_optional(const Member& member, std::string_view& out) {
  if (member.value == nullptr) return {};
  if (!member.value->IsString()) return type_error(member.path, "a string", *member.value);
  out = std::string_view(member.value->GetString(), member.value->GetStringLength());
  return {};
}

Status read_optional(const Member& member, std::string& out) {
  std::string_view text;
  Status status = read_optional(member, text);
  if (member.value != nullptr && status) out.assign(text);
  return status;
}

Status read_optional(const Member& member, std::optional<std::string>& out) {
  if (member.value == nullptr) return {};
  return read_optional(member, out.emplace());
}

Status read_optional(const Member& member, int& out, int min, int max) {
  if (member.value == nullptr) return {};
  auto number = read_int(*member.value, member.path, min, max);
  if (!number) return number.error();
  out = *number;
  return {};
}

Status read_port(const rapidjson::Value& value, const JsonPath& path, int& port) {
  auto number = read_int(value, path, 0, 65535);
  if (!number) return number.error();
  port = *number;
  return {};
}

Status read_optional_app_id(const Member& member, std::string& out) {
  std::string_view id;
  Status status = read_optional(member, id);
  if (member.value != nullptr && status) out = normalize_app_id(id);
  return status;
}

}  // namespace skylr::marathon
