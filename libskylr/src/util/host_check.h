// Checks on values from Marathon before they go into the HAProxy configuration. A value
// that passes can be written as one token of a config line: it holds no whitespace,
// comment, quote or line break, so it cannot end its token or start a new directive.
// Also quotes such values for messages, with control characters escaped.
#pragma once

#include <string>
#include <string_view>

namespace skylr::util {

// True when `host` is a DNS name (labels of letters, digits, '-' and '_' joined by single
// dots, perhaps ending in a dot), an IPv4 literal or an IPv6 address (as inet_pton reads
// it), at most 253 characters; false for anything else, e.g. "a..b" or "fd0:::1".
bool is_valid_host(std::string_view host);

// True when `host` is written as an IPv6 literal (it contains ':'), so that a port after it
// needs brackets around it.
bool is_ipv6_literal(std::string_view host);

// True when `id` is a non-empty run of printable ASCII without spaces: a task id Skylr can
// name in messages and derive a server name from.
bool is_printable_id(std::string_view id);

// `text` in double quotes for a message: '"' and '\' escaped, \n \r \t by name, other control
// and non-ASCII bytes as \xHH; cut after 64 bytes with "...".
std::string quote_for_message(std::string_view text);

}  // namespace skylr::util
