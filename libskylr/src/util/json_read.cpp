#include "util/json_read.h"

#include <fmt/format.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdint>

namespace skylr::util {
namespace {

constexpr std::size_t kMaxDescribedString = 40;

// 1-based line and column of byte `offset` in `text`.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, offset - line_start + 1};
}

// `text` as a double-quoted string with control characters and quotes escaped.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text.substr(0, kMaxDescribedString)) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  if (text.size() > kMaxDescribedString) out += "...";
  out += '"';
  return out;
}

}  // namespace

Result<rapidjson::Document> parse_json(std::string_view text, std::string_view what,
                                       bool allow_comments) {
  rapidjson::Document document;
  // Iterative parsing: deeply nested input cannot overflow the stack.
  constexpr unsigned kStrict = rapidjson::kParseDefaultFlags | rapidjson::kParseIterativeFlag;
  constexpr unsigned kLenient =
      kStrict | rapidjson::kParseCommentsFlag | rapidjson::kParseTrailingCommasFlag;
  if (allow_comments) {
    document.Parse<kLenient>(text.data(), text.size());
  } else {
    document.Parse<kStrict>(text.data(), text.size());
  }
  if (document.HasParseError()) {
    auto [line, column] = line_and_column(text, document.GetErrorOffset());
    return Error{fmt::format("{}: invalid JSON at line {}, column {}: {}", what, line, column,
                             rapidjson::GetParseError_En(document.GetParseError()))};
  }
  return document;
}

std::string describe_json(const rapidjson::Value& value) {
  if (value.IsString()) return quoted(std::string_view(value.GetString(), value.GetStringLength()));
  if (value.IsNull()) return "null";
  if (value.IsBool()) return value.GetBool() ? "true" : "false";
  if (value.IsInt64()) return std::to_string(value.GetInt64());
  if (value.IsUint64()) return std::to_string(value.GetUint64());
  if (value.IsNumber()) return fmt::format("{}", value.GetDouble());
  if (value.IsObject()) return "an object";
  return "an array";
}

Error type_error(const JsonPath& path, std::string_view expected, const rapidjson::Value& value) {
  return Error{fmt::format("{}: expected {}, got {}", path.str(), expected, describe_json(value))};
}

std::string compact_json(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

const rapidjson::Value* find_member(const rapidjson::Value& object, std::string_view key) {
  auto it = object.FindMember(rapidjson::Value(rapidjson::StringRef(key.data(), key.size())));
  if (it == object.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

Result<std::string> read_string(const rapidjson::Value& value, const JsonPath& path) {
  if (!value.IsString()) return type_error(path, "a string", value);
  return std::string(value.GetString(), value.GetStringLength());
}

Result<int> read_int(const rapidjson::Value& value, const JsonPath& path, int min, int max) {
  if (value.IsInt64() && value.GetInt64() >= min && value.GetInt64() <= max) {
    return static_cast<int>(value.GetInt64());
  }
  bool unbounded = min == INT32_MIN && max == INT32_MAX;
  return type_error(path, unbounded ? "an integer" : fmt::format("an integer {}-{}", min, max), value);
}

Result<double> read_number(const rapidjson::Value& value, const JsonPath& path, double min, double max) {
  if (value.IsNumber() && value.GetDouble() >= min && value.GetDouble() <= max) return value.GetDouble();
  return type_error(path, fmt::format("a number {}-{}", min, max), value);
}

Result<std::int64_t> read_count(const rapidjson::Value& value, const JsonPath& path) {
  if (value.IsInt64() && value.GetInt64() >= 0) return value.GetInt64();
  return type_error(path, "a count", value);
}

Result<bool> read_bool(const rapidjson::Value& value, const JsonPath& path) {
  if (!value.IsBool()) return type_error(path, "true or false", value);
  return value.GetBool();
}

}  // namespace skylr::util
