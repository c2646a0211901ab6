// How an app's tasks are reached (host ports, bridged ports, or an IP per task), which
// ports its containers listen on and its service ports, read from either networking shape
// Marathon has used: 1.5+ (`networks`, `container.portMappings`, `portDefinitions`) and
// older (`ipAddress`, `container.docker.network`, `container.docker.portMappings`, `ports`).
#pragma once

#include <rapidjson/document.h>

#include <array>
#include <string_view>

#include "skylr/marathon.h"
#include "skylr/result.h"
#include "util/json_path.h"

namespace skylr::marathon {

// The members of an app object that read_networking reads.
inline constexpr std::array<std::string_view, 5> kNetworkingKeys = {"networks", "container", "ipAddress",
                                                                    "portDefinitions", "ports"};

// Sets app.networking, app.container_ports and app.service_ports from the app object `value`
// at `path`; fails with the JSON path of the first bad value among the fields it reads.
Status read_networking(const rapidjson::Value& value, const util::JsonPath& path, App& app);

}  // namespace skylr::marathon
