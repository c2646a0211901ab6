// The per-service part of render_haproxy_config: one `listen` proxy per service, which
// binds its port and holds its servers, named as its backend, whose name and role the
// Runtime API plan shares (model/backends.h): proxy_name() with the suffix "_http" or
// "_tcp", neither of which ends the other, so distinct services never share a name.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skylr/config.h"
#include "skylr/model.h"
#include "skylr/server_slots.h"

namespace skylr::render {

// An upper bound of the size of what render_service appends for `service` with
// `slot_count` slots, so that the whole text can be reserved at once.
std::size_t service_size_bound(const HaproxyConfig& haproxy, const ServiceConfig& service,
                               const ServiceBackends& backends, std::size_t slot_count);

// Appends the proxy option of HAProxy's request log (`option httplog` or `tcplog`) for a
// proxy of `mode` that takes connections, when logging is on.
void render_log_option(const HaproxyLogConfig& log, ServiceMode mode, std::string& out);

// Appends the rest of a `bind` line that terminates TLS (its newline included): HAProxy's
// `ssl` with tls.crt_list and, in HTTP mode, ALPN (h2 first when tls.http2).
void render_tls_bind(const TlsConfig& tls, ServiceMode mode, std::string& out);

// Appends the section of one service of `config` to `out`: a comment naming it, then its `listen`
// proxy bound to haproxy.bind_host (or its own) and the service's port, with TLS when it asks (a `backend` without a port), one server per slot: slot i with the address of
// `slot_servers[i]`, or parked at 0.0.0.0:0 in maintenance when that is nullptr (a free
// or draining slot).
void render_service(const Config& config, const ServiceConfig& service,
                    const ServiceBackends& backends, std::span<const Server* const> slot_servers,
                    std::string& out);

}  // namespace skylr::render
