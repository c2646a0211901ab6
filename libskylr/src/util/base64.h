// Base64 (RFC 4648 section 4, padded), for HTTP basic credentials. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace skylr::util {

// `bytes` in base64 with '=' padding: "user:pass" -> "dXNlcjpwYXNz".
std::string base64_encode(std::string_view bytes);

}  // namespace skylr::util
