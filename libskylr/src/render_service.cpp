#include "render_service.h"

#include <fmt/format.h>

#include <iterator>

#include "host_check.h"

namespace skylr {
namespace {

// A comment naming the service and its app; only for names that cannot end the comment line
// (config validation already guarantees it; this keeps render safe on its own).
void render_comment(const ServiceConfig& service, const ServiceBackends& backends,
                    std::string& out) {
  if (!is_printable_id(service.name) || !is_printable_id(service.app_id)) return;
  fmt::format_to(std::back_inserter(out), "# service {}: Marathon app {}{}\n", service.name,
                 service.app_id, backends.app_found ? "" : " (not found in Marathon: no servers)");
}

void render_frontend_start(const HaproxyConfig& haproxy, const ServiceConfig& service,
                           const std::string& name, std::string_view mode, std::string& out) {
  fmt::format_to(std::back_inserter(out), "frontend {}\n    bind {}\n    mode {}\n", name,
                 host_port(haproxy.bind_host, service.port), mode);
}

// The HTTP frontend: basic auth for every request first, then the WebSocket split.
void render_http_frontend(const HaproxyConfig& haproxy, const ServiceConfig& service,
                          const std::string& name, std::string& out) {
  render_frontend_start(haproxy, service, name, "http", out);
  out +=
      "    option forwardfor\n"
      "    acl is_websocket hdr(Upgrade) -i websocket\n"
      "    acl is_websocket hdr_sub(Connection) -i upgrade\n"
      "    acl is_websocket path_beg /socket.io\n";
  if (service.auth_conf) {
    fmt::format_to(std::back_inserter(out),
                   "    acl authorized http_auth({})\n"
                   "    http-request auth realm {} if !authorized\n",
                   *service.auth_conf, name);
  }
  fmt::format_to(std::back_inserter(out),
                 "    use_backend {0}_ws if is_websocket\n    default_backend {0}_http\n\n", name);
}

// Backend header lines shared by the plain HTTP and TCP backends, which run the checks.
void render_checked_backend(const ServiceConfig& service, const std::string& backend,
                            std::string_view mode, const ServiceBackends& backends,
                            std::string& out) {
  fmt::format_to(std::back_inserter(out), "backend {}\n    mode {}\n    balance roundrobin\n",
                 backend, mode);
  if (service.health.check == HealthCheck::kHttp) {
    fmt::format_to(std::back_inserter(out), "    option httpchk GET {}\n",
                   service.health.http_path);
  }
  bool check = service.health.check != HealthCheck::kNone;
  for (const Server& server : backends.servers) {
    fmt::format_to(std::back_inserter(out), "    server {} {}{}\n", server.name,
                   host_port(server.address, server.port), check ? " check" : "");
  }
  out += '\n';
}

// The WebSocket backend: long-lived connections, servers tracking the HTTP backend's checks.
void render_ws_backend(const HaproxyConfig& haproxy, const ServiceConfig& service,
                       const std::string& name, const ServiceBackends& backends, std::string& out) {
  fmt::format_to(std::back_inserter(out),
                 "backend {}_ws\n    mode http\n    balance leastconn\n    timeout tunnel {}ms\n",
                 name, haproxy.timeout_tunnel_ms);
  bool check = service.health.check != HealthCheck::kNone;
  for (const Server& server : backends.servers) {
    fmt::format_to(std::back_inserter(out), "    server {} {}", server.name,
                   host_port(server.address, server.port));
    if (check) fmt::format_to(std::back_inserter(out), " track {}_http/{}", name, server.name);
    out += '\n';
  }
  out += '\n';
}

}  // namespace

std::string host_port(std::string_view address, int port) {
  if (is_ipv6_literal(address)) return fmt::format("[{}]:{}", address, port);
  return fmt::format("{}:{}", address, port);
}

void render_service(const HaproxyConfig& haproxy, const ServiceConfig& service,
                    const ServiceBackends& backends, std::string& out) {
  std::string name = proxy_name(service);
  render_comment(service, backends, out);
  if (service.mode == ServiceMode::kTcp) {
    render_frontend_start(haproxy, service, name, "tcp", out);
    fmt::format_to(std::back_inserter(out), "    default_backend {}_tcp\n\n", name);
    render_checked_backend(service, name + "_tcp", "tcp", backends, out);
    return;
  }
  render_http_frontend(haproxy, service, name, out);
  render_checked_backend(service, name + "_http", "http", backends, out);
  render_ws_backend(haproxy, service, name, backends, out);
}

}  // namespace skylr
