#include "model/task_server.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "model/server_name.h"
#include "util/host_check.h"

namespace skylr::model {

using util::is_ipv6_literal;
using util::is_printable_id;
using util::is_valid_host;
using util::quote_for_message;
namespace {

constexpr int kMaxPort = 65535;

// Where a server listens.
struct Endpoint {
  std::string address;
  int port = 0;
};

bool is_running(const Task& task) {
  return task.state ? *task.state == "TASK_RUNNING" : task.started;
}

bool is_dead(const HealthPolicy& health, const Task& task) {
  return health.respect_marathon && std::any_of(task.health_alive.begin(), task.health_alive.end(),
                                                [](bool alive) { return !alive; });
}

// ports[index] when it is a usable port number; 0 otherwise.
int port_at(const std::vector<int>& ports, int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= ports.size()) return 0;
  int port = ports[static_cast<std::size_t>(index)];
  return port > 0 && port <= kMaxPort ? port : 0;
}

// True for an IPv6 address: by its protocol, or by its form when Marathon gave none.
bool is_ipv6(const TaskIpAddress& ip) {
  return ip.protocol.empty() ? is_ipv6_literal(ip.address) : ip.protocol == "IPv6";
}

// The task's first IP address of the family `want_ipv6` names, or "".
std::string first_ip(const Task& task, bool want_ipv6) {
  for (const auto& ip : task.ip_addresses) {
    if (is_ipv6(ip) == want_ipv6) return ip.address;
  }
  return "";
}

// The agent's host and a host port: host and bridge networking, and the fallback for
// IP-per-task apps whose tasks have no IP or no container port.
Result<Endpoint> host_endpoint(const ServiceConfig& service, const Task& task) {
  if (task.host.empty()) {
    return Error{fmt::format("app {}: task {} has no host", service.app_id, task.id)};
  }
  int port = service.backend_port ? *service.backend_port : port_at(task.ports, service.port_index);
  if (port == 0) {
    return Error{fmt::format("app {}: task {} has no port at index {}", service.app_id, task.id,
                             service.port_index)};
  }
  return Endpoint{task.host, port};
}

// The task's own IP and a container port, when Marathon gave both.
std::optional<Endpoint> container_endpoint(const ServiceConfig& service, const App& app,
                                           const Task& task) {
  std::string ip = first_ip(task, false);
  if (ip.empty()) ip = first_ip(task, true);
  int port = service.backend_port ? *service.backend_port
                                  : port_at(app.container_ports, service.port_index);
  if (ip.empty() || port == 0) return std::nullopt;
  return Endpoint{ip, port};
}

Result<Endpoint> task_endpoint(const ServiceConfig& service, const App& app, const Task& task) {
  if (app.networking == Networking::kContainer) {
    if (auto endpoint = container_endpoint(service, app, task)) return *endpoint;
  }
  return host_endpoint(service, task);
}

}  // namespace

Result<std::optional<Server>> task_server(const ServiceConfig& service, const App& app,
                                          const Task& task) {
  if (!is_running(task) || is_dead(service.health, task)) return std::optional<Server>();
  if (!is_printable_id(task.id)) {
    return Error{fmt::format("app {}: task id {} is not printable ASCII without spaces",
                             service.app_id, quote_for_message(task.id))};
  }
  auto endpoint = task_endpoint(service, app, task);
  if (!endpoint) return endpoint.error();
  if (!is_valid_host(endpoint->address)) {
    return Error{fmt::format("app {}: task {}: host {} is not a valid host name or IP address",
                             service.app_id, task.id, quote_for_message(endpoint->address))};
  }
  return std::optional<Server>(
      Server{server_name(task.id), std::move(endpoint->address), endpoint->port, task.id});
}

}  // namespace skylr::model
