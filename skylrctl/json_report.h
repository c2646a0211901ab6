// JsonReport: the one JSON object a skylrctl command prints on stdout with --json, so that
// scripts read its outcome from stable fields instead of parsing text: "command", "ok"
// (exit code 0), "exit_code", then the command's own members in the order they were
// added, then "messages", the lines the command said on stderr (problems, warnings,
// errors). Thread-compatible.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skylr {

class JsonReport {
 public:
  explicit JsonReport(std::string_view command) : command_(command) {}

  // Adds a string member.
  JsonReport& text(std::string_view key, std::string_view value);

  // Adds an integer member.
  JsonReport& number(std::string_view key, long long value);

  // Adds a boolean member.
  JsonReport& flag(std::string_view key, bool value);

  // Adds an array of strings.
  JsonReport& texts(std::string_view key, const std::vector<std::string>& values);

  // The object for a command that ended with `exit_code` and said `messages` (lines) on
  // stderr, on one line.
  std::string json(int exit_code, std::string_view messages) const;

 private:
  std::string command_;
  std::vector<std::pair<std::string, std::string>> members_;  // key, value as JSON
};

// A command's text run: writes its result to the first stream, its problems to the second
// and returns its exit code.
using TextCommand = std::function<int(std::ostream& out, std::ostream& err)>;

// Runs `command` and returns its exit code. Without `as_json` its text goes to `out` and
// `err`. With it, its text result and its problems go to `err`, as people and CI logs read
// them, and its problems into `report`'s messages too; then the report's object (filled
// by the command) and a newline go to `out`.
int run_command(bool as_json, const JsonReport& report, const TextCommand& command, std::ostream& out,
                std::ostream& err);

}  // namespace skylr
