#include "config/host_port.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <utility>

#include "config/strings.h"
#include "util/host_check.h"
#include "util/ip_address.h"

namespace skylr::config {

using util::is_ipv6_literal;
using util::is_valid_host;
namespace {

constexpr unsigned kMaxPort = 65535;
constexpr int kSyslogPort = 514;

// An IPv6 address (at least two ':'), as written between brackets.
bool is_ipv6(std::string_view host) {
  return std::count(host.begin(), host.end(), ':') >= 2 && is_valid_host(host);
}

// `host` with the port written in `port_text`, at least `min_port`.
Result<HostPort> with_port(HostPort host, std::string_view port_text, int min_port) {
  unsigned port = 0;
  const char* last = port_text.data() + port_text.size();
  auto [end, error] = std::from_chars(port_text.data(), last, port);
  if (error != std::errc() || end != last || static_cast<int>(port) < min_port ||
      port > kMaxPort) {
    return Error{fmt::format("port must be an integer {}-65535", min_port)};
  }
  host.port = static_cast<int>(port);
  return host;
}

// "[v6]" or "[v6]:port".
Result<HostPort> parse_bracketed(std::string_view text, int min_port) {
  std::size_t close = text.find(']');
  if (close == std::string_view::npos) return Error{"missing ']' after the IPv6 address"};
  HostPort result{std::string(text.substr(1, close - 1)), std::nullopt};
  if (!is_ipv6(result.host)) return Error{"brackets must hold an IPv6 address"};
  std::string_view rest = text.substr(close + 1);
  if (rest.empty()) return result;
  if (rest.front() != ':') return Error{"expected ':' and a port after ']'"};
  return with_port(std::move(result), rest.substr(1), min_port);
}

}  // namespace

Result<HostPort> parse_host_port(std::string_view text, int min_port) {
  if (text.empty()) return Error{"host is missing"};
  if (text.front() == '[') return parse_bracketed(text, min_port);
  std::size_t colon = text.find(':');
  if (colon != std::string_view::npos && text.find(':', colon + 1) != std::string_view::npos) {
    return Error{"IPv6 addresses must be in brackets, e.g. \"[::1]:8080\""};
  }
  HostPort result{std::string(text.substr(0, colon)), std::nullopt};
  if (result.host.empty()) return Error{"host is missing"};
  if (!is_valid_host(result.host)) {
    return Error{"host may only contain letters, digits, '.', '-' and '_'"};
  }
  if (colon == std::string_view::npos) return result;
  return with_port(std::move(result), text.substr(colon + 1), min_port);
}

Result<std::string> parse_bind_host(std::string_view text) {
  if (text == "*") return std::string(text);
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  bool valid = is_ipv6_literal(text) ? is_ipv6(text) : is_valid_host(text);
  if (!valid) return Error{"not a host name, IPv4 or IPv6 address"};
  return std::string(text);
}

Result<std::string> parse_log_target(std::string_view text) {
  if (text == "stdout" || text == "stderr") return std::string(text);
  if (text.starts_with('/')) {
    if (!check_socket_path(text)) return std::string(text);
    return Error{"a socket path must not contain whitespace, quotes, '\\', '#' or ','"};
  }
  Result<HostPort> server = parse_host_port(text);
  if (!server.ok()) return server.error();
  // HAProxy resolves a name once, at start and in `haproxy -c`: one that does not resolve
  // then would refuse every configuration. Addresses only.
  std::string address = util::canonical_ip(server->host);
  if (address.empty()) return Error{"a syslog server must be given by its IP address"};
  int port = server->port.value_or(kSyslogPort);
  if (is_ipv6(address)) return fmt::format("[{}]:{}", address, port);
  return fmt::format("{}:{}", address, port);
}

}  // namespace skylr::config

namespace skylr {

Result<ListenAddress> parse_listen_address(std::string_view text) {
  Result<config::HostPort> parsed = config::parse_host_port(text, 0);
  if (!parsed.ok()) return parsed.error();
  if (!parsed->port) return Error{"port is missing"};
  return ListenAddress{std::move(parsed->host), *parsed->port};
}

}  // namespace skylr
