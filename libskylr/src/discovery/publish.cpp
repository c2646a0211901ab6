// discover_app, publish_discovered and publish_all: an app's ports read one by one
// (port_labels.h), then checked against the services already published.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "discovery/port_labels.h"
#include "discovery/routes.h"
#include "skylr/discovery.h"

namespace skylr {

namespace {

// How many ports the app has: its service ports, or else its port mappings.
int port_count(const App& app) {
  return static_cast<int>(std::max(app.service_ports.size(), app.container_ports.size()));
}

// What is taken already: the explicit services' app ids, every service's port and proxy name.
struct Taken {
  std::set<std::string> explicit_app_ids;
  std::set<int> ports;
  std::map<std::string, std::string> proxy_names;  // proxy name -> service name
};

Taken taken_by(const Config& config) {
  Taken taken;
  for (const auto& [name, service] : config.services) {
    if (service.origin == ServiceOrigin::kConfig) taken.explicit_app_ids.insert(service.app_id);
    if (service.port > 0) taken.ports.insert(service.port);
    if (service.https_port > 0) taken.ports.insert(service.https_port);
    taken.proxy_names.emplace(proxy_name(service), name);
  }
  taken.ports.insert(config.listen.port);
  if (config.stats.enabled) taken.ports.insert(config.stats.port);
  taken.ports.insert(config.discovery.http_port);
  if (config.tls.enabled) taken.ports.insert(config.tls.https_port);
  return taken;
}

// Why `service` cannot be published beside what is taken; empty when it can.
std::string conflict(const ServiceConfig& service, const Taken& taken) {
  if (service.port > 0 && taken.ports.count(service.port) > 0) {
    return fmt::format("port {} is already used (by another service, skylrd, the stats page or a shared frontend)",
                       service.port);
  }
  auto same_name = taken.proxy_names.find(proxy_name(service));
  if (same_name != taken.proxy_names.end()) {
    return fmt::format("its HAProxy name {} is already that of service {}", same_name->first, same_name->second);
  }
  return {};
}

AppDiscovery discover_app(const Config& config, const App& app, const Taken& taken) {
  AppDiscovery discovery;
  discovery.app_id = app.id;
  if (taken.explicit_app_ids.count(app.id) > 0) {
    discovery.note = "published as configured in services; its labels are not read";
    return discovery;
  }
  if (!app.malformed.empty()) {
    discovery.note = fmt::format("Marathon's answer for it is malformed ({})", app.malformed);
    return discovery;
  }
  for (int index = 0; index < port_count(app); ++index) {
    int service_port = index < static_cast<int>(app.service_ports.size()) ? app.service_ports[index] : 0;
    discovery.ports.push_back(discovery::read_port(config, app, index, service_port));
  }
  return discovery;
}

}  // namespace

std::string discovered_service_name(const std::string& app_id, int index) {
  return fmt::format("{}:{}", app_id, index);
}

AppDiscovery discover_app(const Config& config, const App& app) {
  return discover_app(config, app, taken_by(config));
}

void publish_discovered(Config& config, const std::vector<App>& apps, std::vector<Problem>& problems) {
  if (!config.discovery.enabled) return;
  Taken taken = taken_by(config);
  std::vector<const App*> sorted;
  for (const App& app : apps) sorted.push_back(&app);
  std::stable_sort(sorted.begin(), sorted.end(), [](const App* a, const App* b) { return a->id < b->id; });
  for (const App* app : sorted) {
    for (PortDiscovery& port : discover_app(config, *app, taken).ports) {
      if (port.service) {
        std::string clash = conflict(*port.service, taken);
        if (clash.empty()) {
          if (port.service->port > 0) taken.ports.insert(port.service->port);
          taken.proxy_names.emplace(proxy_name(*port.service), port.service->name);
          config.services.emplace(port.service->name, std::move(*port.service));
          continue;
        }
        port.verdict = PortVerdict::kRefused;
        port.reason = std::move(clash);
      }
      if (port.verdict != PortVerdict::kRefused) continue;
      problems.push_back(Problem{app->id, fmt::format("app {} port {} is not published: {}", app->id, port.index, port.reason),
                                 ProblemKind::kPortLeftOut});
    }
  }
}

Config publish_all(const Config& config, const std::vector<App>& apps, std::vector<Problem>& problems) {
  Config served = config;
  publish_discovered(served, apps, problems);
  add_spare_backends(served);
  return served;
}

Model build_served_model(const Config& served, const std::vector<App>& apps, std::vector<Problem> problems,
                         const Model& previous) {
  Model model = build_model(served, apps, previous);
  add_problems(model, std::move(problems));
  add_problems(model, discovery::build_routes(served).shadowed);
  return model;
}

Model build_published_model(const Config& config, const std::vector<App>& apps, Config& served,
                            const Model& previous) {
  std::vector<Problem> problems;
  served = publish_all(config, apps, problems);
  return build_served_model(served, apps, std::move(problems), previous);
}

std::string render_routes_map(const Config& served) {
  return discovery::routes_map_text(discovery::build_routes(served).routes);
}

}  // namespace skylr
