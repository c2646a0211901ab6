#include "marathon_json.h"

#include <fmt/format.h>

#include "skylr/marathon.h"

namespace skylr {

Error missing_key(const JsonPath& path) {
  return Error{fmt::format("{}: required key is missing", path.str())};
}

Status check_object(const rapidjson::Value& value, const JsonPath& path) {
  if (!value.IsObject()) return type_error(path, "an object", value);
  return {};
}

Result<const rapidjson::Value*> required_member(const rapidjson::Value& object,
                                                std::string_view key, const JsonPath& path) {
  const rapidjson::Value* member = find_member(object, key);
  if (member == nullptr) return missing_key(path.member(key));
  return member;
}

Status find_object(const rapidjson::Value& object, std::string_view key, const JsonPath& path,
                   const rapidjson::Value*& out) {
  out = find_member(object, key);
  if (out == nullptr) return {};
  return check_object(*out, path.member(key));
}

Status read_required_string(const rapidjson::Value& object, std::string_view key,
                            const JsonPath& path, std::string& out) {
  auto member = required_member(object, key, path);
  if (!member) return member.error();
  auto text = read_string(**member, path.member(key));
  if (!text) return text.error();
  out = std::move(*text);
  return {};
}

Status read_optional_string(const rapidjson::Value& object, std::string_view key,
                            const JsonPath& path, std::string& out) {
  const rapidjson::Value* member = find_member(object, key);
  if (member == nullptr) return {};
  auto text = read_string(*member, path.member(key));
  if (!text) return text.error();
  out = std::move(*text);
  return {};
}

Status read_optional_string(const rapidjson::Value& object, std::string_view key,
                            const JsonPath& path, std::optional<std::string>& out) {
  if (find_member(object, key) == nullptr) return {};
  return read_optional_string(object, key, path, out.emplace());
}

Status read_optional_app_id(const rapidjson::Value& object, std::string_view key,
                            const JsonPath& path, std::string& out) {
  const rapidjson::Value* member = find_member(object, key);
  if (member == nullptr) return {};
  if (!member->IsString()) return type_error(path.member(key), "a string", *member);
  out = normalize_app_id(std::string_view(member->GetString(), member->GetStringLength()));
  return {};
}

Status read_optional_int(const rapidjson::Value& object, std::string_view key,
                         const JsonPath& path, int& out, int min, int max) {
  const rapidjson::Value* member = find_member(object, key);
  if (member == nullptr) return {};
  auto number = read_int(*member, path.member(key), min, max);
  if (!number) return number.error();
  out = *number;
  return {};
}

}  // namespace skylr
