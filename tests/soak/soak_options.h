// The soak's command line: how long, which faults, the seed of the schedule and the bounds
// its verdicts use.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fault_kind.h"
#include "skylr/result.h"

namespace skylr::soak {

struct SoakOptions {
  double minutes = 30;                 // how long faults are injected
  std::uint64_t seed = 0;              // of the random schedule
  std::vector<FaultKind> faults;       // the kinds injected
  int recovery_bound_ms = 5000;        // a recovery slower than this fails the run
  int recovery_cap_ms = 30000;         // waiting for a recovery stops here ("not recovered")
  int apps = 5;                        // Marathon apps, each published as a service
  int kill_grace_ms = 1000;            // marathon-sim --kill-grace-ms
  int grace_margin_ms = 1000;          // added to it: how long a removed task may still answer
  int pace_ms = 20;                    // pause between two requests to one service
  std::string logs_dir;                // where to copy the programs' logs at the end ("": nowhere)
  bool verbose = false;                // log every failed request and misroute
};

// The options of `argv`, or the error to print (usage problems, --help text: then `help`).
// Without --seed the seed comes from std::random_device.
Result<SoakOptions> parse_soak_options(int argc, char** argv, bool& help);

}  // namespace skylr::soak
