// skylrd's log: one line per event on stderr, each with its UTC time to the millisecond
// and a level, as text (the default) or as one JSON object per line (--log-format json).
// A multi-line message stays on one line: its lines are joined with " | " in text, its
// newlines escaped in JSON. The last lines stay in memory for /status and the status
// page. format_log_line is pure; the rest is thread-safe.
#pragma once

#include <chrono>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skylr {

// How many of the last log lines recent_log_lines() keeps.
inline constexpr std::size_t kRecentLogLines = 50;

// How bad a logged event is.
enum class LogLevel { kInfo, kWarning, kError };

// How log lines are written.
enum class LogFormat {
  kText,  // 2026-12-02T05:19:52.123Z warning haproxy: [WARNING] ...
  kJson,  // {"time":"2026-12-02T05:19:52.123Z","level":"warning","message":"...",...}
};

// One extra member of a JSON line (text lines leave fields out: the message says it all).
struct LogField {
  std::string_view key;
  std::string_view value;
};

// "info", "warning" or "error".
std::string_view log_level_name(LogLevel level);

// The format named `name` ("text" or "json"), nullopt for any other name.
std::optional<LogFormat> parse_log_format(std::string_view name);

// `when` in ISO 8601 UTC with milliseconds: "2026-12-02T05:19:52.123Z".
std::string log_time(std::chrono::system_clock::time_point when);

// One line of the log, ending in '\n': "<time> <level> <one_line(message)>" in text, an
// object of time, level, message and `fields` in JSON.
std::string format_log_line(LogFormat format, std::chrono::system_clock::time_point when, LogLevel level,
                            std::string_view message, std::initializer_list<LogField> fields = {});

// Makes every later log line use `format` (text until called).
void set_log_format(LogFormat format);

// One line of the log as kept in memory.
struct LogEntry {
  std::chrono::system_clock::time_point when;
  LogLevel level = LogLevel::kInfo;
  std::string message;  // one_line() of the message
};

// Writes one line for `message` at `level`, now, to stderr as one write, and keeps it
// among the recent lines.
void log_line(LogLevel level, std::string_view message, std::initializer_list<LogField> fields = {});

// log_line at LogLevel::kInfo.
void log_line(std::string_view message);

// log_line without keeping the line among the recent ones: for chatty sources (HAProxy's
// notices, its request logs).
void log_line_unkept(LogLevel level, std::string_view message, std::initializer_list<LogField> fields = {});

// The last kRecentLogLines lines log_line wrote, oldest first.
std::vector<LogEntry> recent_log_lines();

}  // namespace skylr
