// Resolving marathon_hosts into the addresses allowed to post event callbacks.
#pragma once

#include <string>
#include <vector>

#include "peer_allowlist.h"
#include "skylr/config.h"
#include "skylr/resolver.h"

namespace skylr {

// The IPv4 and IPv6 addresses every marathon_hosts entry resolves to through `resolver`.
// Hosts that do not resolve are left out and named in `unresolved`.
PeerAllowlist resolve_marathon_peers(const Config& config, Resolver& resolver,
                                     std::vector<std::string>& unresolved);

}  // namespace skylr
