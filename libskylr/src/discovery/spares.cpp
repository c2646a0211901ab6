// Spare backends and what keeps a reload away when discovered ports come and go:
// add_spare_backends, update_discovered and carry_over.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "model/backends.h"
#include "skylr/discovery.h"

namespace skylr {

namespace {

bool is(const ServiceConfig& service, ServiceOrigin origin) { return service.origin == origin; }

// What of a service the routes map depends on: its hosts, paths, weight and backend.
using RouteFields = std::tuple<std::vector<std::string>, std::vector<std::string>, int, std::string>;

RouteFields route_fields(const ServiceConfig& service) {
  return {service.vhosts, service.paths, service.route_weight, model::backend_role(service).name};
}

// The route fields of the discovered (or retired) services of `app_ids` in `config`, by name.
std::map<std::string, RouteFields> routes_of_apps(const Config& config, const std::set<std::string>& app_ids) {
  std::map<std::string, RouteFields> fields;
  for (const auto& [name, service] : config.services) {
    bool ours = (is(service, ServiceOrigin::kLabels) || is(service, ServiceOrigin::kRetired)) &&
                app_ids.count(service.app_id) > 0;
    if (ours) fields.emplace(name, route_fields(service));
  }
  return fields;
}

// A port reached through the shared HTTP frontend only: what a spare backend can take.
bool spare_fits(const ServiceConfig& service) {
  return is(service, ServiceOrigin::kLabels) && service.port == 0 && service.backend_name.empty();
}

// `service` retired: parked, without routes, under its name and backend.
ServiceConfig retired(ServiceConfig service) {
  service.origin = ServiceOrigin::kRetired;
  service.vhosts.clear();
  service.paths.clear();
  if (service.backend_name.empty()) service.backend_name = model::backend_role(service).name;
  return service;
}

// Puts each service of `names` that fits into a free spare of `config`, which it replaces;
// returns the pairs (spare, service).
std::vector<std::pair<std::string, std::string>> take_spares(Config& config, const std::vector<std::string>& names) {
  std::vector<std::pair<std::string, std::string>> taken;
  for (const std::string& name : names) {
    auto service = config.services.find(name);
    if (service == config.services.end() || !spare_fits(service->second)) continue;
    auto spare = std::find_if(config.services.begin(), config.services.end(),
                              [](const auto& entry) { return is(entry.second, ServiceOrigin::kSpare); });
    if (spare == config.services.end()) break;
    service->second.backend_name = model::backend_role(spare->second).name;
    taken.emplace_back(spare->first, name);
    config.services.erase(spare);
  }
  return taken;
}

}  // namespace

void add_spare_backends(Config& config) {
  if (!config.discovery.enabled) return;
  std::set<std::string> backends;
  int free = 0;
  for (const auto& [name, service] : config.services) {
    backends.insert(model::backend_role(service).name);
    if (is(service, ServiceOrigin::kSpare)) ++free;
  }
  for (int k = 1; free < config.discovery.spare_backends; ++k) {
    ServiceConfig spare;
    spare.name = fmt::format("skylr:spare-{}", k);
    spare.origin = ServiceOrigin::kSpare;
    if (config.services.count(spare.name) > 0 || backends.count(model::backend_role(spare).name) > 0) continue;
    config.services.emplace(spare.name, std::move(spare));
    ++free;
  }
}

DiscoveryUpdate update_discovered(Config& served, const std::vector<App>& apps, const std::set<std::string>& app_ids,
                                  std::vector<Problem>& problems) {
  std::map<std::string, RouteFields> routes_before = routes_of_apps(served, app_ids);
  std::map<std::string, ServiceConfig> before;
  std::erase_if(served.services, [&](const auto& entry) {
    const ServiceConfig& service = entry.second;
    bool ours = (is(service, ServiceOrigin::kLabels) || is(service, ServiceOrigin::kRetired)) &&
                app_ids.count(service.app_id) > 0;
    if (ours) before.emplace(entry);
    return ours;
  });
  publish_discovered(served, apps, problems);
  DiscoveryUpdate update;
  std::vector<std::string> added;
  for (auto& [name, service] : served.services) {
    if (!is(service, ServiceOrigin::kLabels) || app_ids.count(service.app_id) == 0) continue;
    auto old = before.find(name);
    if (old == before.end()) {
      added.push_back(name);
    } else if (service.port == 0) {
      service.backend_name = old->second.backend_name;
    }
  }
  for (auto& [name, old] : before) {
    if (served.services.count(name) > 0) continue;
    if (old.port == 0) {
      served.services.emplace(name, retired(std::move(old)));
    } else {
      update.removed.push_back(name);
    }
  }
  update.took_spare = take_spares(served, added);
  update.routes_changed = routes_of_apps(served, app_ids) != routes_before;
  return update;
}

std::vector<std::pair<std::string, std::string>> carry_over(Config& fresh, const Config& previous) {
  std::erase_if(fresh.services, [](const auto& entry) { return is(entry.second, ServiceOrigin::kSpare); });
  std::vector<std::string> added;
  for (auto& [name, service] : fresh.services) {
    if (is(service, ServiceOrigin::kLabels) && previous.services.count(name) == 0) added.push_back(name);
  }
  for (const auto& [name, service] : previous.services) {
    auto now = fresh.services.find(name);
    if (is(service, ServiceOrigin::kSpare) && now == fresh.services.end()) {
      fresh.services.emplace(name, service);
    } else if (now != fresh.services.end() && is(now->second, ServiceOrigin::kLabels) && now->second.port == 0) {
      now->second.backend_name = service.backend_name;
    } else if (now == fresh.services.end() && service.port == 0 &&
               (is(service, ServiceOrigin::kLabels) || is(service, ServiceOrigin::kRetired))) {
      fresh.services.emplace(name, retired(service));
    }
  }
  return take_spares(fresh, added);
}

}  // namespace skylr
