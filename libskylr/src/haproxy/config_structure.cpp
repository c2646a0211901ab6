// compare_structure: both texts reduced three ways (servers masked, servers by name only,
// servers left out) and compared; the masked texts also line by line, for appended servers.
#include "haproxy/config_structure.h"

#include <string>
#include <vector>

#include "haproxy/text.h"
#include "util/text_lines.h"

namespace skylr::haproxy {
namespace {

// How server lines are reduced.
enum class Servers { kMasked, kNamesOnly, kLeftOut };

// `text` without comment lines, each server line reduced as `servers` says: masked keeps
// every word but the address and "disabled".
std::string reduce(std::string_view text, Servers servers) {
  std::string out;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    std::vector<std::string_view> words = split_words(line);
    if (!words.empty() && words[0].starts_with('#')) continue;
    if (words.size() < 3 || words[0] != "server") {
      out.append(line).push_back('\n');
      continue;
    }
    if (servers == Servers::kLeftOut) continue;
    out.append("server ").append(words[1]);
    for (std::size_t i = 3; servers == Servers::kMasked && i < words.size(); ++i) {
      if (words[i] != "disabled") out.append(" ").append(words[i]);
    }
    out.push_back('\n');
  }
  return out;
}

bool is_server(std::string_view masked_line) { return masked_line.starts_with("server "); }

// The keywords of a masked server line: what follows "server <name>".
std::string_view keywords(std::string_view masked_line) {
  std::size_t name_end = masked_line.find(' ', 7);
  return name_end == std::string_view::npos ? "" : masked_line.substr(name_end);
}

// True when the masked `rendered` is the masked `live` with server lines inserted only
// where a backend's server lines end, each with the keywords of the line before it when
// that is a server line (see compare_structure).
bool servers_appended(std::string_view live, std::string_view rendered) {
  std::vector<std::string_view> old_lines = util::lines_of(live);
  std::vector<std::string_view> new_lines = util::lines_of(rendered);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < new_lines.size(); ++i) {
    std::string_view line = new_lines[i];
    if (kept < old_lines.size() && old_lines[kept] == line) {
      ++kept;
      continue;
    }
    bool at_servers_end = kept == old_lines.size() || !is_server(old_lines[kept]);
    bool same_keywords =
        i == 0 || !is_server(new_lines[i - 1]) || keywords(new_lines[i - 1]) == keywords(line);
    if (!is_server(line) || !at_servers_end || !same_keywords) return false;
  }
  return kept == old_lines.size();
}

}  // namespace

ReloadReason compare_structure(std::string_view live, std::string_view rendered) {
  std::string live_masked = reduce(live, Servers::kMasked);
  std::string rendered_masked = reduce(rendered, Servers::kMasked);
  if (live_masked == rendered_masked || servers_appended(live_masked, rendered_masked)) {
    return ReloadReason::kNone;
  }
  bool same_outside_servers = reduce(live, Servers::kLeftOut) == reduce(rendered, Servers::kLeftOut);
  bool other_names = reduce(live, Servers::kNamesOnly) != reduce(rendered, Servers::kNamesOnly);
  return same_outside_servers && other_names ? ReloadReason::kSlotsChanged
                                             : ReloadReason::kConfigChanged;
}

}  // namespace skylr::haproxy
