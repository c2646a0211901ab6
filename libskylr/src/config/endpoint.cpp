#include "config/endpoint.h"

#include <fmt/format.h>

#include <algorithm>

#include "config/host_port.h"

namespace skylr::config {
namespace {

constexpr int kMarathonPort = 8080;
constexpr std::string_view kSchemeSeparator = "://";

int default_port(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

bool is_path_char(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte > 0x20 && byte != 0x7f && c != '?' && c != '#';
}

// The path part of an URL without trailing '/'; fails on whitespace, a query or a fragment.
Result<std::string> parse_base_path(std::string_view path) {
  if (!std::all_of(path.begin(), path.end(), is_path_char)) {
    return Error{"the path must not contain whitespace, '?' or '#'"};
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  return std::string(path);
}

// "host[:port]" of an URL or of the plain form, with the port used when none is written.
Result<MarathonEndpoint> parse_authority(std::string_view authority, int port_if_omitted) {
  if (authority.find('@') != std::string_view::npos) {
    return Error{"credentials belong in marathon_credentials"};
  }
  Result<HostPort> parsed = parse_host_port(authority);
  if (!parsed.ok()) return parsed.error();
  MarathonEndpoint endpoint;
  endpoint.host = std::move(parsed->host);
  endpoint.port = parsed->port.value_or(port_if_omitted);
  return endpoint;
}

Result<MarathonEndpoint> parse_url(std::string_view scheme, std::string_view rest) {
  if (scheme != "http" && scheme != "https") return Error{"scheme must be http or https"};
  std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  Result<MarathonEndpoint> endpoint = parse_authority(authority, default_port(scheme));
  if (!endpoint.ok()) return endpoint;
  std::string_view path_text = slash == std::string_view::npos ? "" : rest.substr(slash);
  Result<std::string> path = parse_base_path(path_text);
  if (!path.ok()) return path.error();
  endpoint->scheme = std::string(scheme);
  endpoint->base_path = std::move(*path);
  return endpoint;
}

}  // namespace

Result<MarathonEndpoint> parse_marathon_endpoint(std::string_view text) {
  std::size_t separator = text.find(kSchemeSeparator);
  if (separator != std::string_view::npos) {
    return parse_url(text.substr(0, separator), text.substr(separator + kSchemeSeparator.size()));
  }
  if (text.find('/') != std::string_view::npos) {
    return Error{"a path needs the URL form, e.g. \"http://host:8080/path\""};
  }
  return parse_authority(text, kMarathonPort);
}

}  // namespace skylr::config

namespace skylr {

std::string MarathonEndpoint::origin() const {
  bool ipv6 = host.find(':') != std::string::npos;
  return ipv6 ? fmt::format("{}://[{}]:{}", scheme, host, port)
              : fmt::format("{}://{}:{}", scheme, host, port);
}

}  // namespace skylr
