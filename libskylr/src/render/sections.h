// The parts render_haproxy_config joins: the head (global, defaults, the stats page) and
// one section per service (its frontend and backends). RenderedConfig keeps them apart so
// that a change re-renders only the services it touched. Pure; thread-safe.
#pragma once

#include <string>

#include "skylr/config.h"
#include "skylr/model.h"
#include "skylr/server_slots.h"

namespace skylr::render {

// Appends the text before the services: the header comment, global, defaults and, when
// enabled, the stats page; it ends in a blank line.
void render_head(const Config& config, std::string& out);

// Appends the section of the service `backends` stands for, its servers placed in `slots`
// (a fresh assignment when `slots` has none for it); nothing when `config` has no such
// service. A section ends in a blank line.
void render_service_section(const Config& config, const ServiceBackends& backends, const SlotTable& slots,
                            std::string& out);

}  // namespace skylr::render
