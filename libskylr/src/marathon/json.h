// Checked reads of the members of Marathon's JSON objects (apps, tasks, events), on top of
// util/json_read.h. `Members` finds all the members a reader needs in one pass over an object;
// each reader then fills an output in place and returns a Status whose error names the
// JSON path of the bad value, so a whole body is read in one pass without building any
// path text until something fails. An absent member and a JSON null member are the same:
// optional readers leave their output untouched, required ones fail with
// "<path>: required key is missing".
#pragma once

#include <rapidjson/document.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "marathon/filter.h"
#include "skylr/result.h"
#include "util/json_path.h"
#include "util/json_read.h"

namespace skylr::marathon {

// One member of a JSON object: its value (nullptr when absent or null) and its path.
struct Member {
  const rapidjson::Value* value = nullptr;
  util::JsonPath path;
};

// The members named `keys` of one JSON object, found in a single pass over its members
// (the first of duplicate keys wins). Holds pointers into the document and a copy of the
// object's path, to which the members' paths point: it must outlive the members it gives.
template <std::size_t N>
class Members {
 public:
  // The members of `object` (none when it is not an object); `keys` must outlive this.
  Members(const rapidjson::Value& object, const util::JsonPath& path,
          const std::array<std::string_view, N>& keys)
      : path_(path), keys_(keys) {
    if (!object.IsObject()) return;
    for (const auto& member : object.GetObject()) {
      std::string_view name(member.name.GetString(), member.name.GetStringLength());
      for (std::size_t i = 0; i < N; ++i) {
        if (!same_key(name, keys[i])) continue;
        if (!found_[i] && !member.value.IsNull()) values_[i] = &member.value;
        found_[i] = true;
        break;
      }
    }
  }
  // The members of the object in `object` (none when it is absent or not an object).
  Members(const Member& object, const std::array<std::string_view, N>& keys)
      : Members(object.value != nullptr ? *object.value : kNull, object.path, keys) {}
  Members(const Members&) = delete;
  Members& operator=(const Members&) = delete;

  // The member named keys[index].
  Member operator[](std::size_t index) const {
    return {values_[index], path_.member(keys_[index])};
  }

 private:
  // name == key, testing the cheap differences (length, first byte) first.
  static bool same_key(std::string_view name, std::string_view key) {
    return name.size() == key.size() && !name.empty() && name[0] == key[0] && name == key;
  }

  static inline const rapidjson::Value kNull{};
  util::JsonPath path_;
  const std::array<std::string_view, N>& keys_;
  std::array<const rapidjson::Value*, N> values_{};
  std::array<bool, N> found_{};
};

// A parsed body and the copy of it that the document's strings point into.
struct ParsedJson {
  std::string buffer;
  rapidjson::Document document;
};

// Parses `body` into `parsed`, in place in a copy: one allocation, no per-string copies, no
// recursion (deep nesting cannot exhaust the stack). Like parse_json, a raw NUL ends the
// text. On failure parse_json reads the text again to give its error ("<what>: invalid
// JSON at line L, column C: <reason>").
Status parse_in_place(std::string_view body, std::string_view what, ParsedJson& parsed);

// parse_in_place, then fails with "(document): expected an object, got ..." unless the
// document is a JSON object.
Status parse_object(std::string_view body, std::string_view what, ParsedJson& parsed);

// The error "<path>: required key is missing".
Error missing_key(const util::JsonPath& path);

// OK when `value` is a JSON object, else a type error "expected an object".
Status check_object(const rapidjson::Value& value, const util::JsonPath& path);

// OK when the member is absent or an object, else a type error "expected an object".
Status check_optional_object(const Member& member);

// Reads the required string member into `out`; fails when it is absent or not a string.
Status read_required(const Member& member, std::string& out);

// Reads the string member into `out` when present; fails when it is not a string.
Status read_optional(const Member& member, std::string& out);
Status read_optional(const Member& member, std::optional<std::string>& out);
Status read_optional(const Member& member, std::string_view& out);  // a view into the document

// Reads the integer member into `out` when present; fails when it is not an integer within
// [min, max].
Status read_optional(const Member& member, int& out, int min = INT32_MIN, int max = INT32_MAX);

// Reads `value` at `path`, a port number (an integer 0-65535), into `port`; a reader for
// read_array.
Status read_port(const rapidjson::Value& value, const util::JsonPath& path, int& port);

// Reads the string member, when present, as a normalized app id (see normalize_app_id) into
// `out`; fails when it is not a string.
Status read_optional_app_id(const Member& member, std::string& out);

// Calls `read(element, element_path)` (which returns a Status) for each element of the
// array `value` at `path`, in order. Fails with the first failing call, or with a type
// error when `value` is not an array.
template <typename Reader>
Status for_each_element(const rapidjson::Value& value, const util::JsonPath& path, Reader&& read) {
  if (!value.IsArray()) return util::type_error(path, "an array", value);
  const auto array = value.GetArray();
  for (rapidjson::SizeType i = 0; i < array.Size(); ++i) {
    Status status = read(array[i], path.element(i));
    if (!status) return status;
  }
  return {};
}

// Reads the array `value` at `path` into `out`, one element appended per array element
// and filled by `read(element, element_path, out_element)`. Fails like for_each_element.
template <typename T, typename Reader>
Status read_array(const rapidjson::Value& value, const util::JsonPath& path, std::vector<T>& out,
                  Reader&& read) {
  if (!value.IsArray()) return util::type_error(path, "an array", value);
  out.reserve(out.size() + value.Size());
  return for_each_element(value, path,
                          [&](const rapidjson::Value& element, const util::JsonPath& element_path) {
                            return read(element, element_path, out.emplace_back());
                          });
}

// read_array over an array member when it is present; OK when absent.
template <typename T, typename Reader>
Status read_optional_array(const Member& member, std::vector<T>& out, Reader&& read) {
  if (member.value == nullptr) return {};
  return read_array(*member.value, member.path, out, read);
}

// Parses a Marathon answer `{"<key>": ...}`, storing of the member's value only what
// `schema` names (see marathon/filter.h): checks that it is a JSON object with the
// member `key`, then reads that member with `read(value, path, out)`. Errors name `key`
// ("apps: invalid JSON at ...", "apps: required key is missing", "apps[2].id: ...").
template <typename T, typename Reader>
Result<T> parse_answer(std::string_view body, const std::array<std::string_view, 1>& key,
                       const JsonSchema& schema, Reader&& read) {
  rapidjson::Document document;
  if (Status status = parse_marathon_answer(body, key[0], schema, document); !status) {
    return status.error();
  }
  const util::JsonPath root;
  if (Status status = check_object(document, root); !status) return status.error();
  const Members<1> members(document, root, key);
  const Member member = members[0];
  if (member.value == nullptr) return missing_key(member.path);
  T out{};
  if (Status status = read(*member.value, member.path, out); !status) return status.error();
  return out;
}

}  // namespace skylr::marathon
