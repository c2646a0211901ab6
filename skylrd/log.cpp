#include "log.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <atomic>
#include <cstdio>
#include <deque>
#include <mutex>

#include "one_line.h"

namespace skylr {
namespace {

std::atomic<LogFormat> current_format{LogFormat::kText};

// Serialises the writes to stderr and guards the recent lines.
std::mutex log_mutex;
std::deque<LogEntry> recent_lines;

// Writes the line to stderr; keeps it among the recent lines when `keep`.
void write_line(LogLevel level, std::string_view message, std::initializer_list<LogField> fields, bool keep) {
  auto now = std::chrono::system_clock::now();
  std::string line = format_log_line(current_format, now, level, message, fields);
  std::lock_guard lock(log_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
  if (!keep) return;
  recent_lines.push_back({now, level, one_line(message)});
  if (recent_lines.size() > kRecentLogLines) recent_lines.pop_front();
}

void put(rapidjson::Writer<rapidjson::StringBuffer>& json, std::string_view key, std::string_view value) {
  json.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  json.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

std::string json_line(std::string_view time, LogLevel level, std::string_view message,
                      std::initializer_list<LogField> fields) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
  json.StartObject();
  put(json, "time", time);
  put(json, "level", log_level_name(level));
  put(json, "message", message);
  for (const LogField& field : fields) put(json, field.key, field.value);
  json.EndObject();
  return fmt::format("{}\n", std::string_view(buffer.GetString(), buffer.GetSize()));
}

}  // namespace

std::string_view log_level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

std::optional<LogFormat> parse_log_format(std::string_view name) {
  if (name == "text") return LogFormat::kText;
  if (name == "json") return LogFormat::kJson;
  return std::nullopt;
}

std::string log_time(std::chrono::system_clock::time_point when) {
  auto ms = std::chrono::time_point_cast<std::chrono::milliseconds>(when);
  auto seconds = std::chrono::floor<std::chrono::seconds>(ms);
  // fmt 9 writes a time_point in local time: the UTC fields come from gmtime.
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(seconds)),
                     (ms - seconds).count());
}

std::string format_log_line(LogFormat format, std::chrono::system_clock::time_point when, LogLevel level,
                            std::string_view message, std::initializer_list<LogField> fields) {
  std::string time = log_time(when);
  if (format == LogFormat::kJson) return json_line(time, level, message, fields);
  return fmt::format("{} {} {}\n", time, log_level_name(level), one_line(message));
}

void set_log_format(LogFormat format) { current_format = format; }

void log_line(LogLevel level, std::string_view message, std::initializer_list<LogField> fields) {
  write_line(level, message, fields, true);
}

void log_line(std::string_view message) { log_line(LogLevel::kInfo, message); }

void log_line_unkept(LogLevel level, std::string_view message, std::initializer_list<LogField> fields) {
  write_line(level, message, fields, false);
}

std::vector<LogEntry> recent_log_lines() {
  std::lock_guard lock(log_mutex);
  return {recent_lines.begin(), recent_lines.end()};
}

}  // namespace skylr
