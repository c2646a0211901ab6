// Drastic changes: a new model that takes away so much of the previous one that Marathon's
// answer behind it must be confirmed before it is applied — none of the services' apps
// listed while they had servers (an empty app list), or more than a share of all servers
// removed at once. Services that only one of the models has (the config changed) do not
// count. Pure.
#pragma once

#include <optional>
#include <string>

#include "skylr/model.h"

namespace skylr::model {

// Why `next` is a drastic change from `previous` ("it lists none of the services' apps,
// which had 12 servers", "it removes 7 of 12 servers (58 %, more than
// reload.max_removed_share 50 %)"), or nullopt when it is not: `previous` had no servers,
// or `next` removes at most `max_removed_share` (0-1) of them and lists some app.
std::optional<std::string> drastic_change(const Model& previous, const Model& next, double max_removed_share);

}  // namespace skylr::model
