#include "fault_kind.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace skylr::soak {

const std::vector<FaultKind>& all_fault_kinds() {
  static const std::vector<FaultKind> kinds = {
      FaultKind::kScale,         FaultKind::kKillTask, FaultKind::kHealth, FaultKind::kHaproxyWorker,
      FaultKind::kHaproxyMaster, FaultKind::kLeader,   FaultKind::kSighup, FaultKind::kRestartSkylrd};
  return kinds;
}

std::string_view fault_name(FaultKind kind) {
  switch (kind) {
    case FaultKind::kScale: return "scale";
    case FaultKind::kKillTask: return "kill-task";
    case FaultKind::kHealth: return "health";
    case FaultKind::kHaproxyWorker: return "haproxy-worker";
    case FaultKind::kHaproxyMaster: return "haproxy-master";
    case FaultKind::kLeader: return "leader";
    case FaultKind::kSighup: return "sighup";
    case FaultKind::kRestartSkylrd: return "restart-skylrd";
  }
  return "?";
}

Result<std::vector<FaultKind>> parse_fault_kinds(std::string_view list) {
  std::vector<FaultKind> chosen;
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    std::string_view name = list.substr(0, comma);
    list = comma == std::string_view::npos ? "" : list.substr(comma + 1);
    if (name == "all") {
      chosen = all_fault_kinds();
      continue;
    }
    const auto& kinds = all_fault_kinds();
    auto kind = std::find_if(kinds.begin(), kinds.end(), [&](FaultKind k) { return fault_name(k) == name; });
    if (kind == kinds.end()) {
      std::vector<std::string_view> names;
      for (FaultKind k : kinds) names.push_back(fault_name(k));
      return Error{fmt::format("unknown fault \"{}\" (known: {}, all)", name, fmt::join(names, ", "))};
    }
    if (std::find(chosen.begin(), chosen.end(), *kind) == chosen.end()) chosen.push_back(*kind);
  }
  if (chosen.empty()) return Error{"no fault named"};
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

}  // namespace skylr::soak
