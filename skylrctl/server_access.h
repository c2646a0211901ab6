// How skylrctl's commands reach Marathon and skylrd: server URLs from the command line,
// and the exit code a failed exchange ends in (exit_codes.h).
#pragma once

#include <string_view>

#include "skylr/config.h"
#include "skylr/result.h"

namespace skylr {

// The server at `url`, the value of `option`: "http(s)://host[:port][/prefix]" or
// "host:port". Fails with "<option> <url>: <reason>".
Result<MarathonEndpoint> parse_server_url(std::string_view option, std::string_view url);

// The exit code of an exchange with Marathon that failed with `error` (from
// MarathonClient): kExitRefused when Marathon refused the credentials, else
// kExitUnreachable.
int exit_code_of(const Error& error);

}  // namespace skylr
