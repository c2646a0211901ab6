#include "render/service.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "model/backends.h"
#include "util/host_check.h"

namespace skylr::render {

using model::BackendRole;
using model::append_host_port;
using model::backend_role;
using model::host_port;
using util::is_printable_id;
namespace {

// A comment naming the service and its app; only for names that cannot end the comment line
// (config validation already guarantees it; this keeps render safe on its own).
void render_comment(const ServiceConfig& service, const ServiceBackends& backends,
                    std::string& out) {
  if (!is_printable_id(service.name)) return;
  if (service.origin == ServiceOrigin::kSpare) {
    fmt::format_to(std::back_inserter(out), "# {}: a spare backend, which a new virtual host takes without a reload\n",
                   service.name);
    return;
  }
  if (!is_printable_id(service.app_id)) return;
  if (service.origin == ServiceOrigin::kRetired) {
    fmt::format_to(std::back_inserter(out), "# service {}: Marathon app {} no longer publishes it (parked until a reload)\n",
                   service.name, service.app_id);
    return;
  }
  fmt::format_to(std::back_inserter(out), "# service {}: Marathon app {}{}{}\n", service.name, service.app_id,
                 service.origin == ServiceOrigin::kLabels ? " (published by its labels)" : "",
                 backends.app_found ? "" : " (not found in Marathon: no servers)");
}

// The userlist of a discovered app's basic auth: "skylr:<proxy name>", a name no
// operator's userlist (users_config_destination) can have.
void render_userlist(const ServiceConfig& service, const std::string& realm, std::string& out) {
  if (!service.basic_auth) return;
  fmt::format_to(std::back_inserter(out), "userlist skylr:{}\n    user {} password {}\n\n", realm,
                 service.basic_auth->user, service.basic_auth->password_hash);
}

// The start of a service's proxy: one `listen` section, named as its backend, that binds
// the service's port and holds its servers (a frontend and a backend in one proxy: HAProxy
// keeps half as many proxies, which is most of its memory for many small services). A
// service without a port of its own (reached through the shared HTTP frontend only) is a
// plain `backend`.
void render_proxy_start(const Config& config, const ServiceConfig& service, const BackendRole& backend,
                        std::string_view mode, std::string& out) {
  if (service.port == 0) {
    fmt::format_to(std::back_inserter(out), "backend {}\n    mode {}\n", backend.name, mode);
    return;
  }
  const std::string& bind_host = service.bind_host.empty() ? config.haproxy.bind_host : service.bind_host;
  fmt::format_to(std::back_inserter(out), "listen {}\n    bind {}", backend.name, host_port(bind_host, service.port));
  if (service.tls) {
    render_tls_bind(config.tls, service.mode, out);
  } else {
    out += '\n';
  }
  if (service.https_port > 0) {
    fmt::format_to(std::back_inserter(out), "    bind {}", host_port(bind_host, service.https_port));
    render_tls_bind(config.tls, service.mode, out);
  }
  fmt::format_to(std::back_inserter(out), "    mode {}\n", mode);
}

// HTTP's options and basic auth, which every request passes before a server is chosen
// (WebSocket upgrades included).
// idle-close-on-response: after a reload the old process answers the next request on an
// idle keep-alive connection with "Connection: close" instead of closing the connection
// under a client that may be sending on it (wrk saw read errors: bench_reload_under_load).
// HTTP mode only (HAProxy warns about it in TCP proxies).
// A backend without a port of its own gets it from the shared frontend instead.
// A redirect to HTTPS keeps the host (without its port), the path and the query; HSTS is
// sent on HTTPS answers only (browsers ignore it on plain HTTP).
void render_http_options(const Config& config, const ServiceConfig& service, const std::string& realm,
                         std::string& out) {
  out += "    option forwardfor\n";
  if (service.port > 0) out += "    option idle-close-on-response\n";
  if (service.redirect_to_https) {
    int https_port = service.https_port > 0 ? service.https_port : config.tls.https_port;
    std::string port = https_port == 443 ? "" : fmt::format(":{}", https_port);
    fmt::format_to(std::back_inserter(out),
                   "    http-request redirect location https://%[req.hdr(host),field(1,:)]{}%[pathq] code 301 "
                   "unless {{ ssl_fc }}\n",
                   port);
  }
  if (service.hsts_max_age > 0) {
    fmt::format_to(std::back_inserter(out),
                   "    http-response set-header Strict-Transport-Security max-age={} if {{ ssl_fc }}\n",
                   service.hsts_max_age);
  }
  if (service.auth_conf || service.basic_auth) {
    fmt::format_to(std::back_inserter(out),
                   "    acl authorized http_auth({})\n"
                   "    http-request auth realm {} if !authorized\n",
                   service.auth_conf ? *service.auth_conf : fmt::format("skylr:{}", realm),
                   service.basic_auth ? service.basic_auth->realm : realm);
  }
}

// One server line per slot: a live slot with its task's address, any other parked at
// 0.0.0.0:0 in maintenance. Plain appends: this line is most of the text (10,000
// services of 3 tasks: 30,000 lines).
void render_slot(const BackendRole& backend, bool sticky, std::size_t index, const Server* server,
                 std::string& out) {
  bool live = server != nullptr;
  out += "    server ";
  out += slot_name(index);
  out += ' ';
  if (live) {
    append_host_port(server->address, server->port, out);
  } else {
    out += "0.0.0.0:0";
  }
  if (backend.checks) {
    out += " check";
    out += backend.check_keywords;
  }
  if (sticky) {
    out += " cookie ";
    out += slot_name(index);
  }
  if (!live) out += " disabled";
  out += '\n';
}

// The servers' side: round robin with the health checks; in HTTP mode, `timeout tunnel`
// covers the connections upgraded to WebSocket.
void render_servers(const HaproxyConfig& haproxy, const ServiceConfig& service, const BackendRole& backend,
                    std::span<const Server* const> slot_servers, std::string& out) {
  fmt::format_to(std::back_inserter(out), "    balance {}\n", service.balance);
  if (service.mode == ServiceMode::kHttp) {
    fmt::format_to(std::back_inserter(out), "    timeout tunnel {}ms\n", haproxy.timeout_tunnel_ms);
  }
  if (backend.checks && service.health.check == HealthCheck::kHttp) {
    fmt::format_to(std::back_inserter(out), "    option httpchk GET {}\n", service.health.http_path);
  }
  if (backend.checks && service.health.timeout_s) {
    fmt::format_to(std::back_inserter(out), "    timeout check {}s\n", *service.health.timeout_s);
  }
  bool sticky = service.sticky && service.mode == ServiceMode::kHttp;
  if (sticky) out += "    cookie SKYLR_SERVER insert indirect nocache\n";
  for (std::size_t i = 0; i < slot_servers.size(); ++i) render_slot(backend, sticky, i, slot_servers[i], out);
  out += '\n';
}

}  // namespace

void render_tls_bind(const TlsConfig& tls, ServiceMode mode, std::string& out) {
  fmt::format_to(std::back_inserter(out), " ssl crt-list {}", tls.crt_list);
  if (mode == ServiceMode::kHttp) out += tls.http2 ? " alpn h2,http/1.1" : " alpn http/1.1";
  out += '\n';
}

void render_log_option(const HaproxyLogConfig& log, ServiceMode mode, std::string& out) {
  if (!log.enabled()) return;
  if (mode == ServiceMode::kTcp || log.format == ProxyLogFormat::kTcplog) {
    out += "    option tcplog\n";
  } else {
    out += log.format == ProxyLogFormat::kClf ? "    option httplog clf\n" : "    option httplog\n";
  }
}

std::size_t service_size_bound(const HaproxyConfig& haproxy, const ServiceConfig& service,
                               const ServiceBackends& backends, std::size_t slot_count) {
  std::size_t address = sizeof "[]:65535";  // around the longest address
  for (const Server& server : backends.servers) address = std::max(address, server.address.size() + 8);
  std::size_t name = service.name.size();  // ≥ the proxy name's size
  std::size_t auth = service.basic_auth ? service.basic_auth->realm.size() + service.basic_auth->user.size() +
                                               service.basic_auth->password_hash.size()
                                         : 0;
  std::size_t fixed = 1024 + 8 * name + service.app_id.size() + haproxy.bind_host.size() + service.bind_host.size() +
                      service.health.http_path.size() + 2 * service.auth_conf.value_or("").size() + 2 * auth +
                      service.balance.size();
  // "    server slot-N <address> check inter Ns fall N cookie slot-N disabled".
  std::size_t per_slot = 128 + address;
  return fixed + slot_count * per_slot;
}

void render_service(const Config& config, const ServiceConfig& service,
                    const ServiceBackends& backends, std::span<const Server* const> slot_servers,
                    std::string& out) {
  const HaproxyConfig& haproxy = config.haproxy;
  BackendRole backend = backend_role(service);
  render_comment(service, backends, out);
  render_userlist(service, proxy_name(service), out);
  bool http = service.mode == ServiceMode::kHttp;
  render_proxy_start(config, service, backend, http ? "http" : "tcp", out);
  if (service.port > 0) render_log_option(haproxy.log, service.mode, out);  // a backend logs through its frontend
  if (http) render_http_options(config, service, proxy_name(service), out);
  render_servers(haproxy, service, backend, slot_servers, out);
}

}  // namespace skylr::render
