// skylrd's log read back: the line each finished sync leaves,
//   "<time> sync: <what started it> -> <what it did> (took N ms)",
// for the benchmarks that wait for skylrd to be idle or time a periodic resync. Pure.
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

}  // namespace skylr::bench
