#include "marathon_peers.h"

namespace skylr {

PeerAllowlist resolve_marathon_peers(const Config& config, Resolver& resolver,
                                     std::vector<std::string>& unresolved) {
  PeerAllowlist allowlist;
  for (const MarathonEndpoint& endpoint : config.marathon_hosts) {
    bool any = false;
    for (const std::string& address : resolver.resolve(endpoint.host)) {
      any = allowlist.add(address) || any;
    }
    if (!any) unresolved.push_back(endpoint.host);
  }
  return allowlist;
}

}  // namespace skylr
