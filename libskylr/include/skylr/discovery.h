// Label discovery: apps publish themselves through marathon-lb's labels (HAPROXY_GROUP,
// HAPROXY_{n}_PORT, _VHOST, _PATH, ...; README "Label discovery"), beside the services a
// config lists. Each app port in a configured group becomes a service of its own, named
// "<app id>:<n>". Labels that carry raw HAProxy text (marathon-lb's templates) or that
// Skylr does not know are refused, and an invalid value is refused: the port is left out
// with a problem naming the app, the label and why, and every other app keeps updating.
// Pure; thread-safe.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "skylr/config.h"
#include "skylr/marathon.h"
#include "skylr/model.h"

namespace skylr {

// What discovery made of one port of an app.
enum class PortVerdict {
  kPublished,   // `service` is published
  kNotInGroup,  // its group is not one of discovery.groups (or it has none)
  kDisabled,    // HAPROXY_{n}_ENABLED is false, or not true in strict mode
  kRefused,     // a label is refused or invalid, or the port conflicts with another service
};

// One port of an app, its labels and the verdict.
struct PortDiscovery {
  int index = 0;
  std::vector<std::pair<std::string, std::string>> labels;  // the labels read for it, by key
  PortVerdict verdict = PortVerdict::kNotInGroup;
  std::string reason;                    // why it is not published; empty when it is
  std::optional<ServiceConfig> service;  // the service it is published as
};

// What discovery made of one app.
struct AppDiscovery {
  std::string app_id;
  std::string note;  // when the app is not discovered at all: why (e.g. an explicit service follows it)
  std::vector<PortDiscovery> ports;
};

// The name of the service that publishes port `index` of app `app_id`: "<app id>:<index>".
std::string discovered_service_name(const std::string& app_id, int index);

// What the labels of `app` ask for, port by port, read against `config` alone (no
// conflicts with other apps are looked at); ports are those of its service ports or port
// mappings. An app an explicit service follows is not discovered (`note` says so).
AppDiscovery discover_app(const Config& config, const App& app);

// Adds to `config.services` the services `apps` publish through their labels (in app id
// order), unless discovery is off. A port whose service port or proxy name conflicts with
// a service already there is refused as well. Each refused port adds a
// kPortLeftOut problem (app id, port, label and reason) to `problems`.
void publish_discovered(Config& config, const std::vector<App>& apps, std::vector<Problem>& problems);

// Tops up `config`'s free spare backends (ServiceOrigin::kSpare: parked HTTP backends
// named "skylr:spare-<k>", the lowest k free) to discovery.spare_backends, unless
// discovery is off.
void add_spare_backends(Config& config);

// `config` with the services `apps` publish (publish_discovered) and its spare backends;
// the refused ports' problems go to `problems`.
Config publish_all(const Config& config, const std::vector<App>& apps, std::vector<Problem>& problems);

// The model of `apps` for the services of `served` (a publish_all result), with
// `problems` and those of the routes another service shadows (kRouteShadowed). A
// malformed app keeps its servers in `previous`, as build_model says.
Model build_served_model(const Config& served, const std::vector<App>& apps, std::vector<Problem> problems,
                         const Model& previous = {});

// publish_all into `served`, then build_served_model: what a full sync renders.
Model build_published_model(const Config& config, const std::vector<App>& apps, Config& served,
                            const Model& previous = {});

// What update_discovered changed beyond the services' own sections.
struct DiscoveryUpdate {
  std::vector<std::pair<std::string, std::string>> took_spare;  // (spare, service that took its backend)
  std::vector<std::string> removed;                             // services gone with their sections
  bool routes_changed = false;  // a virtual host, path, weight or backend of these apps changed
};

// Publishes anew the apps `app_ids` in `served` (`apps`: what Marathon has of them),
// keeping what HAProxy serves where it can do without a reload: a new port without a
// port of its own takes a free spare's backend (its backend_name), a port that had a
// backend name keeps it, and one without a port of its own that is no longer published
// stays, retired (no servers, no routes). Ports with their own port that go are removed.
DiscoveryUpdate update_discovered(Config& served, const std::vector<App>& apps, const std::set<std::string>& app_ids,
                                  std::vector<Problem>& problems);

// Brings `fresh` (a publish_all result) in line with `previous` (what HAProxy serves) as
// far as that needs no reload: `previous`'s spares instead of fresh ones, backend names
// kept, ports no longer published retired, new ports without a port of their own in free
// spares. Returns the pairs (spare, service that took its backend).
std::vector<std::pair<std::string, std::string>> carry_over(Config& fresh, const Config& previous);

// The text of the shared HTTP frontend's routes map for `served` (a config with its
// discovered services): one "<host><path prefix> <backend>" line per route.
std::string render_routes_map(const Config& served);


}  // namespace skylr
