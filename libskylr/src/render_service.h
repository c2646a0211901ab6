// The per-service part of render_haproxy_config: a service's frontend and backends.
// Proxy names come from proxy_name(); backends get the suffixes "_http", "_ws" and "_tcp",
// none of which ends another, so distinct services never share a backend name.
#pragma once

#include <string>
#include <string_view>

#include "skylr/config.h"
#include "skylr/model.h"

namespace skylr {

// "address:port", with an IPv6 address in brackets; "*" stays "*".
std::string host_port(std::string_view address, int port);

// Appends the sections of one service to `out`: a frontend bound to `bind_host` and the
// service's port, then its backends with `backends.servers`.
void render_service(const HaproxyConfig& haproxy, const ServiceConfig& service,
                    const ServiceBackends& backends, std::string& out);

}  // namespace skylr
