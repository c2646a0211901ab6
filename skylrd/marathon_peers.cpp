#include "marathon_peers.h"

#include <arpa/inet.h>
#include <netdb.h>

#include <array>

namespace skylr {
namespace {

// Adds every address `host` resolves to; false when it resolves to none.
bool add_resolved(const std::string& host, PeerAllowlist& allowlist) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0) return false;
  bool any = false;
  for (addrinfo* entry = found; entry != nullptr; entry = entry->ai_next) {
    std::array<char, NI_MAXHOST> text{};
    if (getnameinfo(entry->ai_addr, entry->ai_addrlen, text.data(), text.size(), nullptr, 0,
                    NI_NUMERICHOST) == 0) {
      any = allowlist.add(text.data()) || any;
    }
  }
  freeaddrinfo(found);
  return any;
}

}  // namespace

PeerAllowlist resolve_marathon_peers(const Config& config, std::vector<std::string>& unresolved) {
  PeerAllowlist allowlist;
  for (const MarathonEndpoint& endpoint : config.marathon_hosts) {
    if (!add_resolved(endpoint.host, allowlist)) unresolved.push_back(endpoint.host);
  }
  return allowlist;
}

}  // namespace skylr
