#include "haproxy_servers.h"

#include <fmt/format.h>

#include <algorithm>

#include "haproxy/servers_state.h"
#include "skylr/control_socket.h"

namespace skylr::bench {

bool haproxy_serves(const std::string& admin_socket, const std::string& backend, const std::string& address, int port) {
  Result<std::string> answer =
      default_control_socket().command(admin_socket, fmt::format("show servers state {}", backend));
  if (!answer) return false;
  auto servers = haproxy::parse_servers_state(*answer);
  if (!servers) return false;
  return std::any_of(servers->begin(), servers->end(), [&](const haproxy::ServerState& server) {
    bool held = (server.admin_state & (haproxy::kAdminMaint | haproxy::kAdminDrain)) != 0;
    return server.address == address && server.port == port && !held;
  });
}

}  // namespace skylr::bench
