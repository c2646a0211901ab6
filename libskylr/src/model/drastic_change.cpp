#include "model/drastic_change.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <set>

#include "model/diff.h"

namespace skylr::model {
namespace {

// The servers `previous` has for the services `next` has too.
std::size_t servers_kept_in_config(const Model& previous, const std::set<std::string>& services) {
  std::size_t total = 0;
  for (const ServiceBackends& backends : previous.services) {
    if (services.contains(backends.service)) total += backends.servers.size();
  }
  return total;
}

// The servers of those services that `next` no longer has.
std::size_t servers_removed(const Model& previous, const Model& next, const std::set<std::string>& services) {
  std::size_t removed = 0;
  for (const ServiceChange& change : diff_models(previous, next)) {
    if (services.contains(change.service)) removed += change.removed.size();
  }
  return removed;
}

// "58 %"
std::string percent(double share) { return fmt::format("{} %", std::lround(share * 100)); }

}  // namespace

std::optional<std::string> drastic_change(const Model& previous, const Model& next, double max_removed_share) {
  std::set<std::string> services;
  for (const ServiceBackends& backends : next.services) services.insert(backends.service);
  std::size_t total = servers_kept_in_config(previous, services);
  if (total == 0) return std::nullopt;
  bool no_app = std::none_of(next.services.begin(), next.services.end(),
                             [](const ServiceBackends& backends) { return backends.app_found; });
  if (no_app) return fmt::format("it lists none of the services' apps, which had {} servers", total);
  std::size_t removed = servers_removed(previous, next, services);
  double share = static_cast<double>(removed) / static_cast<double>(total);
  if (share <= max_removed_share) return std::nullopt;
  return fmt::format("it removes {} of {} servers ({}, more than reload.max_removed_share {})", removed, total,
                     percent(share), percent(max_removed_share));
}

}  // namespace skylr::model
