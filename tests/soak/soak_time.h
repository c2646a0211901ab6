// The soak's clock: every time it records is a steady_clock point, reported as
// milliseconds between two points or seconds since the run began.
#pragma once

#include <chrono>

namespace skylr::soak {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Millis = std::chrono::milliseconds;

// Milliseconds from `from` to `to` (negative when `to` is earlier).
inline double ms_between(TimePoint from, TimePoint to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// A closed span of time [from, to].
struct Interval {
  TimePoint from;
  TimePoint to;

  // True when the span shares a moment with [from, to] of `other`.
  bool overlaps(TimePoint other_from, TimePoint other_to) const { return from <= other_to && other_from <= to; }
};

}  // namespace skylr::soak
