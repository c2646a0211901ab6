// HAProxy's own output in skylrd's log: the lines the HAProxy skylrd starts (the managed
// master and its workers) writes on stdout and stderr, logged one by one as
// "haproxy: <line>" at the level HAProxy's tag says. Pure apart from log_haproxy_output;
// thread-safe.
#pragma once

#include <string_view>

#include "log.h"

namespace skylr {

// The level of one of HAProxy's lines: [ALERT] and [EMERG] errors, [WARNING] a warning,
// anything else ([NOTICE], request logs written to stdout) info.
LogLevel haproxy_line_level(std::string_view line);

// Logs `line` of HAProxy's output as "haproxy: <line>" at haproxy_line_level, with the
// field source=haproxy; blank lines are skipped. Only warnings and errors are kept among
// the recent lines (the status page's events).
void log_haproxy_output(std::string_view line);

}  // namespace skylr
