// FakeClock: a Clock for tests whose time moves only when told to: by advance(), or by a
// fixed step on every now() call (so that durations measured by the code under test are
// known). Thread-safe.
#pragma once

#include <chrono>
#include <mutex>

#include "skylr/clock.h"

namespace skylr::testing {

class FakeClock final : public Clock {
 public:
  // Moves both clocks forward by `by`.
  void advance(std::chrono::milliseconds by) {
    std::lock_guard lock(mutex_);
    elapsed_ += by;
  }

  // Makes every later now() call advance the time by `step` after reading it.
  void step_on_read(std::chrono::milliseconds step) {
    std::lock_guard lock(mutex_);
    step_ = step;
  }

  std::chrono::steady_clock::time_point now() const override {
    std::lock_guard lock(mutex_);
    auto time = std::chrono::steady_clock::time_point(elapsed_);
    elapsed_ += step_;
    return time;
  }

  // Advances the time by `duration` at once.
  void sleep_for(std::chrono::milliseconds duration) const override {
    std::lock_guard lock(mutex_);
    elapsed_ += duration;
  }

  std::chrono::system_clock::time_point wall_now() const override {
    std::lock_guard lock(mutex_);
    return std::chrono::system_clock::time_point(std::chrono::hours(24 * 365 * 50) + elapsed_);
  }

 private:
  mutable std::mutex mutex_;
  mutable std::chrono::milliseconds elapsed_{0};
  std::chrono::milliseconds step_{0};
};

}  // namespace skylr::testing
