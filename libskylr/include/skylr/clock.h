// Clock: the time source of skylrd's scheduling (coalescing, resync, backoff), behind an
// interface so that tests drive time by hand. Implementations are thread-safe.
#pragma once

#include <chrono>

namespace skylr {

class Clock {
 public:
  virtual ~Clock() = default;

  // Monotonic time, for intervals and deadlines.
  virtual std::chrono::steady_clock::time_point now() const = 0;

  // Wall-clock time, for timestamps shown to operators.
  virtual std::chrono::system_clock::time_point wall_now() const = 0;

  // Blocks the calling thread for `duration` (a test clock moves its time instead).
  virtual void sleep_for(std::chrono::milliseconds duration) const = 0;
};

// The process-wide real clock.
Clock& default_clock();

}  // namespace skylr
