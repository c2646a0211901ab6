// RegenerationScheduler: coalesces change notifications (Marathon events, resync timers,
// operator requests) into few regenerations. A notification only marks the state dirty;
// the pending batch becomes due a short settle delay after its first notification, but
// never sooner than `min_interval` after the previous regeneration started. So a burst
// of 1,000 events costs a handful of regenerations, and the last one always runs after
// the last event. A batch remembers which apps its notifications named, so that the
// regeneration reads only those, unless one of them concerned every app. Pure: time is passed in. Not thread-safe: the owner serialises calls.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

namespace skylr {

// The notifications one regeneration answers.
struct RegenerationBatch {
  std::size_t notifications = 0;
  std::map<std::string, std::size_t> by_reason;  // e.g. {"status_update_event": 37}
  std::chrono::steady_clock::time_point first_at;
  bool full = true;  // a notification concerned every app, or none came (the periodic resync)
  std::set<std::string> apps;  // unless full: the apps the notifications named, once each
};

class RegenerationScheduler {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  RegenerationScheduler(std::chrono::milliseconds min_interval, std::chrono::milliseconds settle_delay);

  // Records a notification for `reason` at `now` that concerns the apps `apps`, or every
  // app when `apps` is empty.
  void notify(std::string_view reason, TimePoint now, std::span<const std::string> apps = {});

  // When the pending batch may run, or nullopt when nothing is pending.
  std::optional<TimePoint> due_at() const;

  // Takes the pending batch (possibly empty) and records `now` as the start of a regeneration.
  RegenerationBatch take(TimePoint now);

 private:
  std::chrono::milliseconds min_interval_;
  std::chrono::milliseconds settle_delay_;
  std::optional<TimePoint> last_start_;
  std::optional<RegenerationBatch> pending_;
};

}  // namespace skylr
