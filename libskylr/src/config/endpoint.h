// Parsing one `marathon_hosts` entry of the config, or a server URL given to skylrctl,
// into a MarathonEndpoint (declared in skylr/config.h, whose origin() is defined next to
// this parser). Pure; thread-safe.
#pragma once

#include <string_view>

#include "skylr/config.h"
#include "skylr/result.h"

namespace skylr::config {

// Parses "host", "host:port" (port 8080 when omitted) or an URL "http(s)://host[:port][/path]"
// (port 80 or 443 when omitted); IPv6 literals go in brackets. Fails with the reason alone,
// e.g. "scheme must be http or https".
Result<MarathonEndpoint> parse_marathon_endpoint(std::string_view text);

}  // namespace skylr::config
