// Helpers for writing JSON text with RapidJSON's Writer, shared by every renderer of the
// simulator (apps, tasks, deployments, events, errors). Pure functions.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace skylr::sim {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// The JSON text that `fill` writes.
std::string write_json(const std::function<void(JsonWriter&)>& fill);

// Writes `text` as a JSON string.
void write_string(JsonWriter& out, std::string_view text);

// Writes the member `key` with the string `value`.
void write_member(JsonWriter& out, std::string_view key, std::string_view value);

// Writes `values` as a JSON array of strings.
void write_strings(JsonWriter& out, const std::vector<std::string>& values);

// Writes `values` as a JSON array of integers.
void write_ints(JsonWriter& out, const std::vector<int>& values);

// Writes `json`, a complete JSON text, as the next value.
void write_raw(JsonWriter& out, std::string_view json);

}  // namespace skylr::sim
