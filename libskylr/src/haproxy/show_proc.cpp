// parse_show_proc for HAProxy 2.6's layout:
//   #<PID>          <type>          <reloads>       <uptime>        <version>
//   1162            master          5 [failed: 0]   0d00h02m07s     2.6.12
//   # workers
//   1271            worker          1               0d00h00m00s     2.6.12
//   # old workers
//   1233            worker          3               0d00h00m43s     2.6.12
//   # programs
#include "haproxy/show_proc.h"

#include <charconv>
#include <string>

#include <fmt/format.h>

#include "haproxy/text.h"

namespace skylr::haproxy {
namespace {

// `word` as a non-negative integer, without any trailing `suffix`.
bool parse_count(std::string_view word, std::string_view suffix, int& value) {
  if (word.ends_with(suffix)) word.remove_suffix(suffix.size());
  auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  return error == std::errc() && end == word.data() + word.size() && value >= 0;
}

// Adds the process of one data line to `list`; false when the line has another shape.
bool add_process(const std::vector<std::string_view>& words, bool old_section,
                 ProcList& list) {
  int pid = 0;
  int reloads = 0;
  if (words.size() < 3 || !parse_count(words[0], "", pid) || pid == 0 ||
      !parse_count(words[2], "", reloads)) {
    return false;
  }
  if (words[1] == "master") {
    list.master_pid = pid;
    list.master_reloads = reloads;
    return words.size() >= 5 && words[3] == "[failed:" &&
           parse_count(words[4], "]", list.failed_reloads);
  }
  if (words[1] == "worker") list.workers.push_back({pid, reloads, old_section});
  return true;
}

}  // namespace

Result<ProcList> parse_show_proc(std::string_view text) {
  ProcList list;
  bool old_section = false;
  bool programs = false;  // external programs the master supervises: not HAProxy's
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    std::vector<std::string_view> words = split_words(line);
    if (words.empty() || words[0].starts_with("#<")) continue;
    if (words[0] == "#") {
      old_section = words.size() > 1 && words[1] == "old";
      programs = words.size() > 1 && words.back() == "programs";
      continue;
    }
    if (!programs && !add_process(words, old_section, list)) {
      return Error{fmt::format("unexpected line in HAProxy's 'show proc' answer: \"{}\"", line)};
    }
  }
  if (list.master_pid == 0) return Error{"HAProxy's 'show proc' answer has no master line"};
  return list;
}

}  // namespace skylr::haproxy
