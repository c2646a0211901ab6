// Checked reads of the members of Marathon's JSON objects (apps, tasks, events), on top of
// json_read.h. Each reader fills an output in place and returns a Status whose error names
// the JSON path of the first bad value, so a whole body is read in one pass without
// building any path text until something fails. An absent member and a JSON null member
// are the same: optional readers leave their output untouched, required ones fail with
// "<path>: required key is missing".
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json_path.h"
#include "json_read.h"
#include "skylr/result.h"

namespace skylr {

// The error "<path>: required key is missing".
Error missing_key(const JsonPath& path);

// OK when `value` is a JSON object, else a type error "expected an object".
Status check_object(const rapidjson::Value& value, const JsonPath& path);

// The member `key` of `object` (an object at `path`), or a missing_key error when it is
// absent or null.
Result<const rapidjson::Value*> required_member(const rapidjson::Value& object,
                                                std::string_view key, const JsonPath& path);

// Points `out` at the member `key` of `object` when it is an object, at nullptr when it is
// absent; fails when it is something else.
Status find_object(const rapidjson::Value& object, std::string_view key, const JsonPath& path,
                   const rapidjson::Value*& out);

// Reads the required string member `key` into `out`; fails when absent or not a string.
Status read_required_string(const rapidjson::Value& object, std::string_view key,
                            const JsonPath& path, std::string& out);

// Reads the string member `key` into `out` when present; fails when it is not a string.
Status read_optional_string(const rapidjson::Value& object, std::string_view key,
                            const JsonPath& path, std::string& out);
Status read_optional_string(const rapidjson::Value& object, std::string_view key,
                            const JsonPath& path, std::optional<std::string>& out);

// Reads the string member `key`, when present, as a normalized app id into `out`
// (see normalize_app_id); fails when it is not a string.
Status read_optional_app_id(const rapidjson::Value& object, std::string_view key,
                            const JsonPath& path, std::string& out);

// Reads the integer member `key` into `out` when present; fails when it is not an integer
// within [min, max].
Status read_optional_int(const rapidjson::Value& object, std::string_view key,
                         const JsonPath& path, int& out, int min = INT32_MIN,
                         int max = INT32_MAX);

// Calls `read(element, element_path)` (which returns a Status) for each element of the
// array `value` at `path`, in order. Fails with the first failing call, or with a type
// error when `value` is not an array.
template <typename Reader>
Status for_each_element(const rapidjson::Value& value, const JsonPath& path, Reader&& read) {
  if (!value.IsArray()) return type_error(path, "an array", value);
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
Status read_array(const rapidjson::Value& value, const JsonPath& path, std::vector<T>& out,
                  Reader&& read) {
  if (!value.IsArray()) return type_error(path, "an array", value);
  out.reserve(out.size() + value.Size());
  return for_each_element(value, path, [&](const rapidjson::Value& element,
                                           const JsonPath& element_path) {
    return read(element, element_path, out.emplace_back());
  });
}

// read_array over the member `key` of `object` when it is present; OK when absent.
template <typename T, typename Reader>
Status read_array_member(const rapidjson::Value& object, std::string_view key,
                         const JsonPath& path, std::vector<T>& out, Reader&& read) {
  const rapidjson::Value* array = find_member(object, key);
  if (array == nullptr) return {};
  return read_array(*array, path.member(key), out, std::forward<Reader>(read));
}

// Parses a Marathon answer `{"<key>": ...}`: checks that it is a JSON object with the
// member `key`, then reads that member with `read(value, path, out)`. Errors name `key`
// ("apps: invalid JSON at ...", "apps: required key is missing", "apps[2].id: ...").
template <typename T, typename Reader>
Result<T> parse_answer(std::string_view body, std::string_view key, Reader&& read) {
  auto document = parse_json(body, key);
  if (!document) return document.error();
  JsonPath root;
  if (Status status = check_object(*document, root); !status) return status.error();
  auto member = required_member(*document, key, root);
  if (!member) return member.error();
  T out{};
  if (Status status = read(**member, root.member(key), out); !status) return status.error();
  return out;
}

}  // namespace skylr
