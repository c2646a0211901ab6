// The per-service part of render_haproxy_config: a service's frontend and backends, and
// the names and roles of those backends, which the Runtime API plan shares. Proxy names
// come from proxy_name(); backends get the suffixes "_http", "_ws" and "_tcp", none of
// which ends another, so distinct services never share a backend name.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skylr/config.h"
#include "skylr/model.h"
#include "skylr/server_slots.h"

namespace skylr {

// One HAProxy backend of a service: its name, whether it is the WebSocket backend,
// whether its servers run health checks, and the backend whose servers' states its
// servers follow ("track"; empty: their own).
struct BackendRole {
  std::string name;
  bool websocket = false;
  bool checks = false;
  std::string tracks;
};

// The backends of `service`, in the order they are rendered: "<name>_tcp" for TCP;
// "<name>_http" and "<name>_ws" (tracking "<name>_http" when there are checks) for HTTP.
std::vector<BackendRole> backend_roles(const ServiceConfig& service);

// "address:port", with an IPv6 address in brackets; "*" stays "*".
std::string host_port(std::string_view address, int port);

// An upper bound of the size of what render_service appends for `service` with
// `slot_count` slots, so that the whole text can be reserved at once.
std::size_t service_size_bound(const HaproxyConfig& haproxy, const ServiceConfig& service,
                               const ServiceBackends& backends, std::size_t slot_count);

// Appends the sections of one service to `out`: a frontend bound to `bind_host` and the
// service's port, then its backends, one server per slot: slot i with the address of
// `slot_servers[i]`, or parked at 0.0.0.0:0 in maintenance when that is nullptr (a free
// or draining slot).
void render_service(const HaproxyConfig& haproxy, const ServiceConfig& service,
                    const ServiceBackends& backends, std::span<const Server* const> slot_servers,
                    std::string& out);

}  // namespace skylr
