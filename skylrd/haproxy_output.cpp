#include "haproxy_output.h"

#include <fmt/format.h>

namespace skylr {

LogLevel haproxy_line_level(std::string_view line) {
  std::size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return LogLevel::kInfo;
  line.remove_prefix(start);
  if (line.starts_with("[ALERT]") || line.starts_with("[EMERG]")) return LogLevel::kError;
  if (line.starts_with("[WARNING]")) return LogLevel::kWarning;
  return LogLevel::kInfo;
}

void log_haproxy_output(std::string_view line) {
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;
  LogLevel level = haproxy_line_level(line);
  std::string message = fmt::format("haproxy: {}", line);
  if (level == LogLevel::kInfo) return log_line_unkept(level, message, {{"source", "haproxy"}});
  log_line(level, message, {{"source", "haproxy"}});
}

}  // namespace skylr
