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

// The model of `apps` for `config`'s services and those the apps' labels publish
// (publish_discovered): `served` becomes `config` with them. Its problems include the
// refused ports and the routes another service's shadow (kRouteShadowed). A malformed
// app keeps its servers in `previous`, as build_model says.
Model build_published_model(const Config& config, const std::vector<App>& apps, Config& served,
                            const Model& previous = {});

// The text of the shared HTTP frontend's routes map for `served` (a config with its
// discovered services): one "<host><path prefix> <backend>" line per route.
std::string render_routes_map(const Config& served);

// Removes from `config.services` the discovered services of the apps `app_ids`.
void withdraw_discovered(Config& config, const std::set<std::string>& app_ids);

}  // namespace skylr
