// IP addresses in text form: the one canonical spelling of an address, so that two
// spellings of the same address compare equal. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace skylr::util {

// The canonical text of an IP address (inet_ntop of its parsed form, IPv4-mapped IPv6
// reduced to IPv4, brackets around IPv6 dropped), or an empty string when `address` is
// not an IP address.
std::string canonical_ip(std::string_view address);

}  // namespace skylr::util
