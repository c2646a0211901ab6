// run_sim: marathon-sim's program — load the apps file, bind, print the listening line,
// serve until SIGINT or SIGTERM; or the same as a standby master (--standby-of). Separate from main() so that main stays a few lines.
#pragma once

#include "sim_options.h"

namespace skylr::sim {

// Runs the simulator with `options` until SIGINT/SIGTERM; the process exit code (0 after
// a clean stop, 1 when the apps file or the address is unusable). Call from the main
// thread before any other thread starts: it blocks SIGINT and SIGTERM process-wide.
int run_sim(const SimOptions& options);

}  // namespace skylr::sim
