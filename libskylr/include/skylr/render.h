// Renders the HAProxy configuration for a model. The output is for HAProxy 2.6 and later
// in master-worker mode, and is byte-identical for the same config and model.
#pragma once

#include <string>

#include "skylr/config.h"
#include "skylr/model.h"
#include "skylr/server_slots.h"

namespace skylr {

// The full HAProxy configuration text (global, defaults, stats, one frontend and its
// backends per service), the servers of each backend placed in `slots` (see
// server_slots.h; a service missing from `slots` gets a fresh assignment). The users
// file named by users_config_destination is loaded by HAProxy as a second -f and is not
// part of this text.
std::string render_haproxy_config(const Config& config, const Model& model,
                                  const SlotTable& slots);

// The same with a fresh slot assignment: what a first sync of `model` renders.
std::string render_haproxy_config(const Config& config, const Model& model);

}  // namespace skylr
