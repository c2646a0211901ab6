// Reading the config's `discovery` section: which apps publish themselves through their
// marathon-lb labels, and the shared HTTP frontend their virtual hosts are routed on.
// Not thread-safe.
#pragma once

#include "skylr/config.h"
#include "util/object_reader.h"

namespace skylr::config {

// The `discovery` section of `root`: enabled when present; `routes_map` defaults to
// "skylr-routes.map" in the directory of `config_destination`.
DiscoveryConfig read_discovery(const util::ObjectReader& root, const std::string& config_destination);

}  // namespace skylr::config
