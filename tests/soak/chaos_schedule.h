// ChaosSchedule: the seeded random choices of the soak — which fault comes next, how long
// a fault stays before it is undone, how long the system runs calmly between two faults.
// The same seed gives the same sequence of choices (the targets are chosen from the same
// generator by FaultInjector; what they hit depends on the run's task ids and timing).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "fault_kind.h"
#include "soak_time.h"

namespace skylr::soak {

class ChaosSchedule {
 public:
  // A schedule of the faults `kinds` (not empty) from `seed`.
  ChaosSchedule(std::uint64_t seed, std::vector<FaultKind> kinds);

  // The next fault, uniformly among the kinds.
  FaultKind next_fault();

  // How long a fault that can be undone stays after recovery: 1-3 s.
  Millis hold();

  // The calm between two faults: 0.5-2.5 s.
  Millis pause();

  // The generator, for the injector's choices.
  std::mt19937_64& random() { return random_; }

 private:
  Millis between(long low_ms, long high_ms);

  std::vector<FaultKind> kinds_;
  std::mt19937_64 random_;
};

}  // namespace skylr::soak
