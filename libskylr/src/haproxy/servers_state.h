// Reading HAProxy's Runtime API answers about servers: `show servers state` (address,
// port and administrative state of every server) and `show stat` (the sessions each
// server has now). Both are read by their header line's column names, so columns HAProxy
// adds later do no harm. Pure; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "haproxy/runtime_plan.h"
#include "skylr/result.h"

namespace skylr::haproxy {

// The servers of a `show servers state` answer (format version 1). Fails quoting the
// first line when the answer is not one (e.g. "Can't find backend."), and quoting any
// server line without the needed columns or with a non-numeric port or state.
Result<std::vector<ServerState>> parse_servers_state(std::string_view answer);

// The current sessions (column scur) of every server line of a `show stat` CSV answer,
// keyed by "<backend>/<server>". Fails quoting the first line when it is not the CSV
// header, or a line whose scur is not a number.
Result<std::map<std::string, int>> parse_stat_sessions(std::string_view answer);

}  // namespace skylr::haproxy
