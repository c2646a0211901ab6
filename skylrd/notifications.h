// Notifications: the inbox between skylrd's event sources (callbacks, the event stream,
// SIGHUP, timers) and its sync loop. Sources notify; the loop waits until a coalesced
// batch is due (RegenerationScheduler) or a deadline passes. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "regeneration_scheduler.h"

namespace skylr {

class Notifications {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  // Coalesces regenerations at least `min_interval` apart, `settle_delay` after a first
  // notification.
  Notifications(std::chrono::milliseconds min_interval, std::chrono::milliseconds settle_delay);

  // Records that the state may have changed, for `reason` (an event type, "resync"…), for
  // the apps `apps`, or for every app when `apps` is empty.
  void notify(std::string_view reason, std::span<const std::string> apps = {});

  // Blocks until a batch is due, `deadline` passes (then the batch may be empty), or
  // stop() is called (then returns nullopt).
  std::optional<RegenerationBatch> wait_for_batch(TimePoint deadline);

  // Wakes every waiter for good.
  void stop();

  // True once stop() was called.
  bool stopped() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  RegenerationScheduler scheduler_;
  bool stopped_ = false;
};

}  // namespace skylr
