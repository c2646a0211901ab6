#include "json_report.h"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <sstream>

namespace skylr {
namespace {

std::string json_string(std::string_view value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  return buffer.GetString();
}

std::string json_strings(const std::vector<std::string>& values) {
  std::string array = "[";
  for (const std::string& value : values) {
    if (array.size() > 1) array += ',';
    array += json_string(value);
  }
  return array + "]";
}

// The lines of `text`, without their newlines; no empty last line.
std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

JsonReport& JsonReport::text(std::string_view key, std::string_view value) {
  members_.emplace_back(key, json_string(value));
  return *this;
}

JsonReport& JsonReport::number(std::string_view key, long long value) {
  members_.emplace_back(key, fmt::format("{}", value));
  return *this;
}

JsonReport& JsonReport::flag(std::string_view key, bool value) {
  members_.emplace_back(key, value ? "true" : "false");
  return *this;
}

JsonReport& JsonReport::texts(std::string_view key, const std::vector<std::string>& values) {
  members_.emplace_back(key, json_strings(values));
  return *this;
}

std::string JsonReport::json(int exit_code, std::string_view messages) const {
  std::string object = fmt::format(R"({{"command":{},"ok":{},"exit_code":{})", json_string(command_),
                                   exit_code == 0 ? "true" : "false", exit_code);
  for (const auto& [key, value] : members_) object += fmt::format(",{}:{}", json_string(key), value);
  return fmt::format(R"({},"messages":{}}})", object, json_strings(lines_of(messages)));
}

int run_command(bool as_json, const JsonReport& report, const TextCommand& command, std::ostream& out,
                std::ostream& err) {
  if (!as_json) return command(out, err);
  std::ostringstream problems;
  int code = command(err, problems);
  err << problems.str();
  out << report.json(code, problems.str()) << '\n';
  return code;
}

}  // namespace skylr
