// One app port's marathon-lb labels turned into the service that publishes it, with
// each label's value checked: a value that could end its token in the HAProxy config, an
// unknown label or one of marathon-lb's raw-text templates refuses the port. Pure;
// thread-safe.
#pragma once

#include "skylr/discovery.h"

namespace skylr::discovery {

// What the labels of port `index` of `app` ask for, against the discovery settings of
// `config` (groups, strict mode); the port's service port is `service_port` (0: none).
PortDiscovery read_port(const Config& config, const App& app, int index, int service_port);

}  // namespace skylr::discovery
