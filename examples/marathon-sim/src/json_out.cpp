#include "json_out.h"

namespace skylr::sim {

std::string write_json(const std::function<void(JsonWriter&)>& fill) {
  rapidjson::StringBuffer buffer;
  JsonWriter out(buffer);
  fill(out);
  return {buffer.GetString(), buffer.GetSize()};
}

void write_string(JsonWriter& out, std::string_view text) {
  out.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void write_member(JsonWriter& out, std::string_view key, std::string_view value) {
  write_string(out, key);
  write_string(out, value);
}

void write_strings(JsonWriter& out, const std::vector<std::string>& values) {
  out.StartArray();
  for (const auto& value : values) write_string(out, value);
  out.EndArray();
}

void write_ints(JsonWriter& out, const std::vector<int>& values) {
  out.StartArray();
  for (int value : values) out.Int(value);
  out.EndArray();
}

void write_raw(JsonWriter& out, std::string_view json) {
  out.RawValue(json.data(), json.size(), rapidjson::kObjectType);
}

}  // namespace skylr::sim
