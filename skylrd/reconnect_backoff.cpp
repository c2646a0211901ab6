#include "reconnect_backoff.h"

#include <algorithm>

namespace skylr {

ReconnectBackoff::ReconnectBackoff(std::chrono::milliseconds first, std::chrono::milliseconds max,
                                   std::chrono::milliseconds healthy_after)
    : first_(first), max_(max), healthy_after_(healthy_after), next_(first) {}

std::chrono::milliseconds ReconnectBackoff::after(const StreamHealth& health) {
  if (health.delivered_event || health.lasted >= healthy_after_) next_ = first_;
  std::chrono::milliseconds wait = next_;
  next_ = std::min(next_ * 2, max_);
  return wait;
}

}  // namespace skylr
