// Host and port notation in the config: "host:port", "[IPv6]:port", a bare host. Hosts
// are names, IPv4 addresses or IPv6 addresses; IPv6 is written in brackets wherever a
// port may follow and stored without them. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "skylr/config.h"
#include "skylr/result.h"

namespace skylr::config {

// A host and the port written after it, if any.
struct HostPort {
  std::string host;  // without brackets
  std::optional<int> port;
};

// Splits "host", "host:port", "[v6]" or "[v6]:port" with a port of at least `min_port`.
// Fails with the reason alone, e.g. "port must be an integer 1-65535" or "IPv6 addresses
// must be in brackets".
Result<HostPort> parse_host_port(std::string_view text, int min_port = 1);

// The address HAProxy binds to as given for `bind_address`: "*", a host, an IPv4
// address or an IPv6 address with or without brackets (returned without). Fails with the
// reason.
Result<std::string> parse_bind_host(std::string_view text);

// The target of HAProxy's `log` as given for haproxy.log.target: "stdout", "stderr", an
// absolute Unix socket path (no whitespace, quotes, '\\', '#' or ','), or a syslog
// server over UDP, "ip[:port]" or "[v6][:port]" (port 514 when omitted). Returns it as
// HAProxy reads it: the word, the path, "ip:port" or "[v6]:port". Fails with the reason.
Result<std::string> parse_log_target(std::string_view text);

}  // namespace skylr::config
