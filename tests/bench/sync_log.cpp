#include "sync_log.h"

#include <algorithm>
#include <cstdlib>

namespace skylr::bench {

std::vector<SyncLine> sync_lines(std::string_view log) {
  constexpr std::string_view kStart = " sync: ";  // after the UTC time stamp and the level
  constexpr std::string_view kTook = " (took ";
  std::vector<SyncLine> lines;
  for (std::size_t begin = 0, end = 0; (end = log.find('\n', begin)) != std::string_view::npos; begin = end + 1) {
    std::string_view line = log.substr(begin, end - begin);
    std::size_t start = line.find(kStart);
    std::size_t arrow = line.find(" -> ");
    std::size_t took = line.rfind(kTook);
    if (start == std::string_view::npos || arrow == std::string_view::npos || took == std::string_view::npos ||
        !line.ends_with(" ms)") || start > 40) {
      continue;
    }
    std::string_view cause = line.substr(start + kStart.size(), arrow - start - kStart.size());
    std::string number(line.substr(took + kTook.size()));
    lines.push_back({std::string(cause), std::atof(number.c_str())});
  }
  return lines;
}

std::string log_tail(std::string_view log, std::size_t count, std::size_t width) {
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at < log.size();) {
    std::size_t end = std::min(log.find('\n', at), log.size());
    lines.push_back(log.substr(at, end - at));
    at = end + 1;
  }
  std::string tail;
  for (std::size_t i = lines.size() > count ? lines.size() - count : 0; i < lines.size(); ++i) {
    tail.append(lines[i].substr(0, width));
    tail.append(lines[i].size() > width ? " …\n" : "\n");
  }
  return tail;
}

}  // namespace skylr::bench
