// parse_show_proc: reads the answer of HAProxy's master CLI command `show proc`, which
// lists the master (with its reload and failed-reload counts) and the workers, current
// and old. Pure; thread-safe.
#pragma once

#include <sys/types.h>

#include <string_view>
#include <vector>

#include "skylr/result.h"

namespace skylr::haproxy {

// One worker line: its pid, how many reloads it has survived, and whether it is an old
// worker (finishing its connections after a reload).
struct ProcWorker {
  pid_t pid = 0;
  int reloads = 0;
  bool old = false;
};

// The processes of one HAProxy master-worker tree.
struct ProcList {
  pid_t master_pid = 0;
  int master_reloads = 0;  // reloads since the master started
  int failed_reloads = 0;  // of which HAProxy could not load the configuration
  std::vector<ProcWorker> workers;
};

// The process list of `text`; fails quoting the offending line when a line has an
// unexpected shape, or when there is no master line.
Result<ProcList> parse_show_proc(std::string_view text);

}  // namespace skylr::haproxy
