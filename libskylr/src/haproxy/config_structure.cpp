// compare_structure: both texts reduced three ways (servers masked, servers by name only,
// servers left out) and compared.
#include "haproxy/config_structure.h"

#include <string>

#include "haproxy/text.h"

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

}  // namespace

ReloadReason compare_structure(std::string_view live, std::string_view rendered) {
  if (reduce(live, Servers::kMasked) == reduce(rendered, Servers::kMasked)) {
    return ReloadReason::kNone;
  }
  bool same_outside_servers = reduce(live, Servers::kLeftOut) == reduce(rendered, Servers::kLeftOut);
  bool other_names = reduce(live, Servers::kNamesOnly) != reduce(rendered, Servers::kNamesOnly);
  return same_outside_servers && other_names ? ReloadReason::kSlotsChanged
                                             : ReloadReason::kConfigChanged;
}

}  // namespace skylr::haproxy
