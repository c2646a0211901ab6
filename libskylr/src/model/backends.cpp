#include "model/backends.h"

#include <fmt/format.h>

#include "util/host_check.h"

namespace skylr::model {

using util::is_ipv6_literal;

BackendRole backend_role(const ServiceConfig& service) {
  std::string name = service.backend_name;
  if (name.empty()) {
    name = proxy_name(service);
    name += service.mode == ServiceMode::kTcp ? "_tcp" : "_http";
  }
  std::string keywords;
  if (service.health.interval_s) keywords += fmt::format(" inter {}s", *service.health.interval_s);
  if (service.health.fall) keywords += fmt::format(" fall {}", *service.health.fall);
  return BackendRole{std::move(name), service.health.check != HealthCheck::kNone, std::move(keywords)};
}

std::string host_port(std::string_view address, int port) {
  std::string text;
  append_host_port(address, port, text);
  return text;
}

void append_host_port(std::string_view address, int port, std::string& out) {
  bool ipv6 = is_ipv6_literal(address);
  if (ipv6) out += '[';
  out += address;
  out += ipv6 ? "]:" : ":";
  out += std::to_string(port);
}
}  // namespace skylr::model
