#include "regeneration_scheduler.h"

#include <algorithm>

namespace skylr {

RegenerationScheduler::RegenerationScheduler(std::chrono::milliseconds min_interval,
                                             std::chrono::milliseconds settle_delay)
    : min_interval_(min_interval), settle_delay_(settle_delay) {}

void RegenerationScheduler::notify(std::string_view reason, TimePoint now, std::span<const std::string> apps) {
  if (!pending_) {
    pending_.emplace();
    pending_->first_at = now;
    pending_->full = false;
  }
  ++pending_->notifications;
  ++pending_->by_reason[std::string(reason)];
  if (apps.empty()) pending_->full = true;
  if (pending_->full) {
    pending_->apps.clear();
  } else {
    pending_->apps.insert(apps.begin(), apps.end());
  }
}

std::optional<RegenerationScheduler::TimePoint> RegenerationScheduler::due_at() const {
  if (!pending_) return std::nullopt;
  TimePoint due = pending_->first_at + settle_delay_;
  if (last_start_) due = std::max(due, *last_start_ + min_interval_);
  return due;
}

RegenerationBatch RegenerationScheduler::take(TimePoint now) {
  RegenerationBatch batch = pending_.value_or(RegenerationBatch{0, {}, now, true, {}});
  pending_.reset();
  last_start_ = now;
  return batch;
}

}  // namespace skylr
