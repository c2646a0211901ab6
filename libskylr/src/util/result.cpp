// prefix_lines: an error's lines, each with a prefix.
#include "skylr/result.h"

#include <fmt/format.h>

#include <string_view>

namespace skylr {

Error prefix_lines(const std::string& prefix, const Error& error) {
  std::string message;
  std::string_view rest = error.message;
  while (!rest.empty()) {
    std::size_t end = rest.find('\n');
    if (!message.empty()) message += '\n';
    message += fmt::format("{}: {}", prefix, rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  return Error{message};
}

}  // namespace skylr
