// haproxy_messages and split_words: line and word splitting of HAProxy's text.
#include "haproxy/text.h"

#include "util/text_lines.h"

namespace skylr::haproxy {
namespace {

constexpr std::string_view kBlank = " \t\r\n";

}  // namespace

std::string haproxy_messages(std::string_view output) {
  std::string kept;
  for (std::string_view line : util::lines_of(output)) {
    if (line.starts_with("[NOTICE]")) continue;
    kept.append(line).push_back('\n');
  }
  std::size_t first = kept.find_first_not_of(kBlank);
  if (first == std::string::npos) return "";
  return kept.substr(first, kept.find_last_not_of(kBlank) - first + 1);
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while ((pos = text.find_first_not_of(kBlank, pos)) != std::string_view::npos) {
    std::size_t end = text.find_first_of(kBlank, pos);
    words.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return words;
}

}  // namespace skylr::haproxy
