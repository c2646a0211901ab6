#include "server_access.h"

#include <fmt/format.h>

#include "config/endpoint.h"
#include "exit_codes.h"

namespace skylr {

using config::parse_marathon_endpoint;

Result<MarathonEndpoint> parse_server_url(std::string_view option, std::string_view url) {
  Result<MarathonEndpoint> endpoint = parse_marathon_endpoint(url);
  if (!endpoint) return Error{fmt::format("{} {}: {}", option, url, endpoint.error().message)};
  return endpoint;
}

int exit_code_of(const Error& error) {
  // MarathonClient's wording for a 401 or 403 answer (skylr/marathon_client.h).
  bool refused = error.message.starts_with("Marathon refused the credentials");
  return refused ? kExitRefused : kExitUnreachable;
}

}  // namespace skylr
