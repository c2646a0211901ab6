#include "failure_attribution.h"

#include <algorithm>

namespace skylr::soak {
namespace {

// HAProxy's outages are seen by a 50 ms poll; its listeners may lag its processes.
constexpr auto kOutageLead = std::chrono::milliseconds(200);
constexpr auto kOutageTail = std::chrono::milliseconds(1000);
// Marathon's changes are seen by a 100 ms poll.
constexpr auto kChangeLead = std::chrono::milliseconds(200);

}  // namespace

ExcusedWindows excused_windows(const std::vector<Interval>& outages, const std::vector<TimePoint>& haproxy_kills,
                               std::vector<std::vector<TimePoint>> service_changes, Millis settle) {
  ExcusedWindows windows;
  for (const auto& outage : outages) windows.haproxy_down.push_back({outage.from - kOutageLead, outage.to + kOutageTail});
  for (TimePoint kill : haproxy_kills) windows.haproxy_down.push_back({kill, kill + kOutageTail});
  for (auto& changes : service_changes) std::sort(changes.begin(), changes.end());
  windows.service_changes = std::move(service_changes);
  windows.settle = settle;
  return windows;
}

Excuse excuse_for(const FailedRequest& failure, const ExcusedWindows& windows) {
  for (const auto& down : windows.haproxy_down) {
    if (down.overlaps(failure.sent, failure.answered)) return Excuse::kHaproxyDown;
  }
  for (TimePoint change : windows.service_changes.at(failure.service)) {
    Interval changing{change - kChangeLead, change + windows.settle};
    if (changing.overlaps(failure.sent, failure.answered)) return Excuse::kTasksChanging;
  }
  return Excuse::kNone;
}

Attribution attribute(const std::vector<FailedRequest>& failures, const ExcusedWindows& windows) {
  Attribution attribution;
  for (const auto& failure : failures) {
    ExcuseCounts& counts = attribution.by_cause[failure.failure];
    for (ExcuseCounts* tally : {&counts, &attribution.all}) {
      ++tally->total;
      switch (excuse_for(failure, windows)) {
        case Excuse::kHaproxyDown: ++tally->haproxy_down; break;
        case Excuse::kTasksChanging: ++tally->tasks_changing; break;
        case Excuse::kNone: ++tally->unexpected; break;
      }
    }
    if (excuse_for(failure, windows) == Excuse::kNone) attribution.unexpected.push_back(failure);
  }
  return attribution;
}

}  // namespace skylr::soak
