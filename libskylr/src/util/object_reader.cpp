#include "util/object_reader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <unordered_set>
#include <utility>

#include "util/closest_key.h"

namespace skylr::util {

namespace {

std::string_view name_of(const rapidjson::Value& name) {
  return {name.GetString(), name.GetStringLength()};
}

// "unknown key; did you mean "x"?" or "unknown key; known keys: a, b".
std::string unknown_key_message(std::string_view key, std::span<const std::string_view> known) {
  if (auto suggestion = closest_key(key, known)) {
    return fmt::format("unknown key; did you mean {}?", quote(*suggestion));
  }
  return fmt::format("unknown key; known keys: {}", fmt::join(known, ", "));
}

// `"a"`, `"a" or "b"`, `"a", "b" or "c"`.
std::string alternatives(std::span<const std::string_view> names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " or " : ", ";
    text += quote(names[i]);
  }
  return text;
}

// Unwraps `result`, recording its error.
template <typename T>
std::optional<T> accept(Result<T> result, Problems& problems) {
  if (result.ok()) return std::move(result).value();
  problems.add(result.error());
  return std::nullopt;
}

}  // namespace

void Problems::add(const JsonPath& path, std::string_view what) {
  lines_.push_back(fmt::format("{}: {}", path.str(), what));
}

Error Problems::error() const { return Error{fmt::format("{}", fmt::join(lines_, "\n"))}; }

std::string quote(std::string_view text) {
  return describe_json(rapidjson::Value(rapidjson::StringRef(text.data(), text.size())));
}

std::string unparsed_message(std::string_view what, std::string_view text, const Error& reason) {
  return fmt::format("expected {}, got {} ({})", what, quote(text), reason.message);
}

std::optional<std::string> accept_string(const rapidjson::Value& value, const JsonPath& path,
                                         StringCheck check, Problems& problems) {
  std::optional<std::string> text = accept(read_string(value, path), problems);
  if (!text || check == nullptr) return text;
  if (auto problem = check(*text)) {
    problems.add(path, *problem);
    return std::nullopt;
  }
  return text;
}

ObjectReader::ObjectReader(const rapidjson::Value& value, JsonPath path,
                           std::span<const std::string_view> known, Problems& problems)
    : value_(value), path_(path), problems_(problems) {
  if (!value_.IsObject()) {
    problems_.add(type_error(path_, "an object", value_));
    return;
  }
  check_keys(known);
}

void ObjectReader::check_keys(std::span<const std::string_view> known) const {
  std::unordered_set<std::string_view> seen;  // a set: `services` may have thousands of keys
  seen.reserve(value_.MemberCount());
  for (auto member = value_.MemberBegin(); member != value_.MemberEnd(); ++member) {
    std::string_view key = name_of(member->name);
    if (!seen.insert(key).second) {
      problems_.add(path_.member(key), "key appears more than once");
    } else if (!known.empty() && std::find(known.begin(), known.end(), key) == known.end()) {
      problems_.add(path_.member(key), unknown_key_message(key, known));
    }
  }
}

const rapidjson::Value* ObjectReader::find(std::string_view key, Presence presence) const {
  const rapidjson::Value* member = valid() ? find_member(value_, key) : nullptr;
  if (member == nullptr && valid() && presence == Presence::kRequired) {
    problems_.add(path_.member(key), "required key is missing");
  }
  return member;
}

std::optional<ObjectReader> ObjectReader::object(std::string_view key,
                                                 std::span<const std::string_view> known,
                                                 Presence presence) const {
  const rapidjson::Value* member = find(key, presence);
  if (member == nullptr) return std::nullopt;
  return ObjectReader(*member, path_.member(key), known, problems_);
}

const rapidjson::Value* ObjectReader::find_array(std::string_view key, Presence presence) const {
  const rapidjson::Value* member = find(key, presence);
  if (member == nullptr || member->IsArray()) return member;
  problems_.add(type_error(path_.member(key), "an array", *member));
  return nullptr;
}

std::optional<std::string> ObjectReader::read_string(std::string_view key, StringCheck check,
                                                     Presence presence) const {
  const rapidjson::Value* member = find(key, presence);
  if (member == nullptr) return std::nullopt;
  return accept_string(*member, path_.member(key), check, problems_);
}

std::optional<int> ObjectReader::read_int(std::string_view key, IntRange range,
                                          Presence presence) const {
  const rapidjson::Value* member = find(key, presence);
  if (member == nullptr) return std::nullopt;
  return accept(util::read_int(*member, path_.member(key), range.min, range.max), problems_);
}

void ObjectReader::read(std::string_view key, std::string& out, StringCheck check,
                        Presence presence) const {
  if (auto text = read_string(key, check, presence)) out = std::move(*text);
}

void ObjectReader::read(std::string_view key, std::optional<std::string>& out,
                        StringCheck check) const {
  if (auto text = read_string(key, check, Presence::kOptional)) out = std::move(*text);
}

void ObjectReader::read(std::string_view key, int& out, IntRange range, Presence presence) const {
  if (auto number = read_int(key, range, presence)) out = *number;
}

void ObjectReader::read(std::string_view key, std::optional<int>& out, IntRange range) const {
  if (auto number = read_int(key, range, Presence::kOptional)) out = *number;
}

void ObjectReader::read(std::string_view key, bool& out) const {
  const rapidjson::Value* member = find(key);
  if (member == nullptr) return;
  if (auto flag = accept(read_bool(*member, path_.member(key)), problems_)) out = *flag;
}

void ObjectReader::read(std::string_view key, double& out, NumberRange range) const {
  const rapidjson::Value* member = find(key);
  if (member == nullptr) return;
  if (auto number = accept(read_number(*member, path_.member(key), range.min, range.max), problems_)) {
    out = *number;
  }
}

std::optional<std::size_t> ObjectReader::choice_index(
    std::string_view key, std::span<const std::string_view> names) const {
  const rapidjson::Value* member = find(key);
  if (member == nullptr) return std::nullopt;
  if (member->IsString()) {
    auto found = std::find(names.begin(), names.end(), name_of(*member));
    if (found != names.end()) return static_cast<std::size_t>(found - names.begin());
  }
  problems_.add(type_error(path_.member(key), alternatives(names), *member));
  return std::nullopt;
}

}  // namespace skylr::util
