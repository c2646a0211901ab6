#include "one_line.h"

#include <fmt/format.h>

#include <iterator>

namespace skylr {

std::vector<std::string_view> text_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t end = text.find_first_of("\r\n");
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    std::size_t last = line.find_last_not_of(" \t");
    if (last != std::string_view::npos) lines.push_back(line.substr(0, last + 1));
  }
  return lines;
}

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::string_view line : text_lines(text)) {
    if (!out.empty()) out += " | ";
    for (char c : line) {
      auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 || byte == 0x7f) {
        fmt::format_to(std::back_inserter(out), "\\x{:02x}", byte);
      } else {
        out += c;
      }
    }
  }
  return out;
}

}  // namespace skylr
