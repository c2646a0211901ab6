// skylrd's log: one line per event on stderr, prefixed with the UTC time. Thread-safe.
#pragma once

#include <string_view>

namespace skylr {

// Writes "<ISO-8601 UTC time> <message>\n" to stderr as one write.
void log_line(std::string_view message);

}  // namespace skylr
