// Which failed requests are excused. A request may fail while HAProxy itself is dead (from
// a kill, or an outage HaproxyWatch saw, until it serves again, plus a margin) and while
// its service's tasks change (from a change the soak made or Marathon showed, for
// `settle` after it: the time skylrd has to follow). Any other failure is unexpected: a
// request to a stable service failed while HAProxy ran. Pure functions.
#pragma once

#include <map>
#include <vector>

#include "answer_check.h"
#include "soak_time.h"

namespace skylr::soak {

// When failures are excused.
struct ExcusedWindows {
  std::vector<Interval> haproxy_down;                  // margins applied
  std::vector<std::vector<TimePoint>> service_changes;  // by service index
  Millis settle{0};
};

// The windows from HAProxy's outages, the soak's kills of HAProxy processes and each
// service's changes, with the margins described above.
ExcusedWindows excused_windows(const std::vector<Interval>& outages, const std::vector<TimePoint>& haproxy_kills,
                               std::vector<std::vector<TimePoint>> service_changes, Millis settle);

// Why a failure is excused.
enum class Excuse { kHaproxyDown, kTasksChanging, kNone };

// The excuse of `failure` (HAProxy's outage first).
Excuse excuse_for(const FailedRequest& failure, const ExcusedWindows& windows);

// Failures counted by excuse.
struct ExcuseCounts {
  long total = 0;
  long haproxy_down = 0;
  long tasks_changing = 0;
  long unexpected = 0;
};

// Every failure's excuse, by cause and in all, and the unexpected ones themselves.
struct Attribution {
  std::map<Failure, ExcuseCounts> by_cause;
  ExcuseCounts all;
  std::vector<FailedRequest> unexpected;
};

Attribution attribute(const std::vector<FailedRequest>& failures, const ExcusedWindows& windows);

}  // namespace skylr::soak
