// Checked reads of untrusted JSON with RapidJSON. Every accessor tests the value's type
// before touching it, so no input can reach a RapidJSON assertion; failures are Errors
// naming the JSON path and what was found, e.g. `apps[0].instances: expected an integer,
// got "3"`.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "skylr/result.h"
#include "util/json_path.h"

namespace skylr::util {

// Parses `text` as JSON (RFC 8259). `allow_comments` also accepts `//` and `/* */`
// comments and trailing commas. Fails with "<what>: invalid JSON at line L, column C: <reason>".
Result<rapidjson::Document> parse_json(std::string_view text, std::string_view what,
                                       bool allow_comments = false);

// A short description of a JSON value for error messages: `"80"`, `1.5`, `true`, `null`,
// `an object`, `an array`. Long strings are cut.
std::string describe_json(const rapidjson::Value& value);

// The error "<path>: expected <expected>, got <describe_json(value)>".
Error type_error(const JsonPath& path, std::string_view expected, const rapidjson::Value& value);

// `value` as compact JSON text (no spaces), e.g. `{"path":"/mem","errors":["too small"]}`.
std::string compact_json(const rapidjson::Value& value);

// The member `key` of `object`, or nullptr when absent or JSON null. `object` must be an object.
const rapidjson::Value* find_member(const rapidjson::Value& object, std::string_view key);

// The value as a string, or a type error.
Result<std::string> read_string(const rapidjson::Value& value, const JsonPath& path);

// The value as an int within [min, max], or an error saying "expected an integer min-max"
// (just "expected an integer" when the bounds are the int range).
Result<int> read_int(const rapidjson::Value& value, const JsonPath& path,
                     int min = INT32_MIN, int max = INT32_MAX);

// The value as a number within [min, max], or an error saying "expected a number
// <min>-<max>".
Result<double> read_number(const rapidjson::Value& value, const JsonPath& path, double min, double max);

// The value as a count: an integer 0 or above, or an error saying "expected a count".
Result<std::int64_t> read_count(const rapidjson::Value& value, const JsonPath& path);

// The value as a bool, or a type error.
Result<bool> read_bool(const rapidjson::Value& value, const JsonPath& path);

}  // namespace skylr::util
