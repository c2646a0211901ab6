// The kinds of fault the soak injects, their names on the command line (--faults) and in
// the report.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "skylr/result.h"

namespace skylr::soak {

enum class FaultKind {
  kScale,          // an app's instances changed
  kKillTask,       // a task killed; Marathon replaces it
  kHealth,         // a task fails its health check for a while
  kHaproxyWorker,  // kill -9 of an HAProxy worker
  kHaproxyMaster,  // kill -9 of the HAProxy master
  kLeader,         // the Marathon master skylrd follows goes down for a while
  kSighup,         // skylrd re-reads a good or an invalid config
  kRestartSkylrd,  // skylrd stopped (SIGTERM or SIGKILL) and started again
};

// Every kind, in the order above.
const std::vector<FaultKind>& all_fault_kinds();

// "scale", "kill-task", "health", "haproxy-worker", "haproxy-master", "leader", "sighup",
// "restart-skylrd".
std::string_view fault_name(FaultKind kind);

// The kinds of a comma-separated list of names ("all" for every kind), each once, in the
// order of all_fault_kinds(); fails naming an unknown name.
Result<std::vector<FaultKind>> parse_fault_kinds(std::string_view list);

}  // namespace skylr::soak
