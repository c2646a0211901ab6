#include "chaos_schedule.h"

namespace skylr::soak {

ChaosSchedule::ChaosSchedule(std::uint64_t seed, std::vector<FaultKind> kinds)
    : kinds_(std::move(kinds)), random_(seed) {}

FaultKind ChaosSchedule::next_fault() {
  return kinds_[std::uniform_int_distribution<std::size_t>(0, kinds_.size() - 1)(random_)];
}

Millis ChaosSchedule::hold() { return between(1000, 3000); }

Millis ChaosSchedule::pause() { return between(500, 2500); }

Millis ChaosSchedule::between(long low_ms, long high_ms) {
  return Millis(std::uniform_int_distribution<long>(low_ms, high_ms)(random_));
}

}  // namespace skylr::soak
