// skylrd's log read back: the line each finished sync leaves,
//   "<time> <level> sync: <what started it> -> <what it did> (took N ms)",
// for the benchmarks that wait for skylrd to be idle or time a periodic resync, and the
// log's end for their error reports. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace skylr::bench {

// One finished sync.
struct SyncLine {
  std::string cause;  // "periodic resync", "2 notifications (status_update_event x2)", …
  double took_ms = 0;
};

// The finished syncs in skylrd's log `log`, oldest first (a line still being written is
// left out).
std::vector<SyncLine> sync_lines(std::string_view log);

// The last `count` lines of `log`, each cut to `width` characters (a sync line can list
// thousands of apps), for showing when something went wrong.
std::string log_tail(std::string_view log, std::size_t count, std::size_t width = 300);

}  // namespace skylr::bench
