// The routes of the shared HTTP frontend: each virtual host and path prefix of the
// services that have them, as keys of an HAProxy map file ("<host><path> <backend>"),
// looked up longest prefix first (map_beg), so that routing costs the same for the first
// host and the ten-thousandth. Pure; thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "skylr/config.h"
#include "skylr/model.h"

namespace skylr::discovery {

// Map keys and the backend each routes to.
using Routes = std::map<std::string, std::string>;

// The routes of `config`'s services, and a kRouteShadowed problem for each service whose
// host and path another service routes: the one with the higher route_weight wins, then
// the one whose name sorts first.
struct RoutesMap {
  Routes routes;
  std::vector<Problem> shadowed;  // by app id
};

// The routes of every service of `config` with virtual hosts.
RoutesMap build_routes(const Config& config);

// The map file's text: one "<key> <backend>" line per route, sorted by key.
std::string routes_map_text(const Routes& routes);

// The Runtime API commands that turn the map `before` into `after` in the map file
// `map_file` of a running HAProxy: `del map`, `set map` and `add map`, one per key.
std::vector<std::string> routes_commands(const std::string& map_file, const Routes& before, const Routes& after);

}  // namespace skylr::discovery
