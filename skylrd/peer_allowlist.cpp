#include "peer_allowlist.h"

#include "util/ip_address.h"

namespace skylr {

using util::canonical_ip;

bool PeerAllowlist::add(std::string_view address) {
  std::string canonical = canonical_ip(address);
  if (canonical.empty()) return false;
  addresses_.insert(std::move(canonical));
  return true;
}

bool PeerAllowlist::allows(std::string_view peer) const {
  std::string canonical = canonical_ip(peer);
  return !canonical.empty() && addresses_.count(canonical) > 0;
}

}  // namespace skylr
