// Resolving marathon_hosts into the addresses allowed to post event callbacks.
#pragma once

#include <string>
#include <vector>

#include "skylr/config.h"
#include "skylr/peer_allowlist.h"

namespace skylr {

// The IPv4 and IPv6 addresses every marathon_hosts entry resolves to (getaddrinfo).
// Hosts that do not resolve are left out and named in `unresolved`.
PeerAllowlist resolve_marathon_peers(const Config& config, std::vector<std::string>& unresolved);

}  // namespace skylr
