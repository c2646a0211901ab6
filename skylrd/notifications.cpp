#include "notifications.h"

#include <algorithm>

namespace skylr {

Notifications::Notifications(std::chrono::milliseconds min_interval,
                             std::chrono::milliseconds settle_delay)
    : scheduler_(min_interval, settle_delay) {}

void Notifications::notify(std::string_view reason, std::span<const std::string> apps) {
  {
    std::lock_guard lock(mutex_);
    scheduler_.notify(reason, std::chrono::steady_clock::now(), apps);
  }
  wake_.notify_all();
}

std::optional<RegenerationBatch> Notifications::wait_for_batch(TimePoint deadline) {
  std::unique_lock lock(mutex_);
  while (!stopped_) {
    auto now = std::chrono::steady_clock::now();
    auto due = scheduler_.due_at();
    if ((due && *due <= now) || deadline <= now) return scheduler_.take(now);
    wake_.wait_until(lock, due ? std::min(*due, deadline) : deadline);
  }
  return std::nullopt;
}

void Notifications::stop() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  wake_.notify_all();
}

bool Notifications::stopped() const {
  std::lock_guard lock(mutex_);
  return stopped_;
}

}  // namespace skylr
