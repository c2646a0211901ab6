// Content checks for string values of the config, each a StringCheck (util/object_reader.h):
// nullopt when the text is acceptable, else the problem ("must not be empty"). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace skylr::config {

// True for the characters of names Skylr accepts as they are: [A-Za-z0-9._-].
bool is_plain_name_char(char c);

// Rejects "".
std::optional<std::string> check_non_empty(std::string_view text);

// Accepts an HAProxy userlist name: one or more of [A-Za-z0-9_.:-].
std::optional<std::string> check_userlist_name(std::string_view text);

// Accepts an HTTP request path rendered into the HAProxy config: starts with '/', no
// whitespace, control characters, quotes, '\\' or '#'.
std::optional<std::string> check_http_path(std::string_view text);

// Accepts a Unix socket path rendered into the HAProxy config or passed to `haproxy -S`:
// absolute, without whitespace, control characters, quotes, '\\', '#' or ','.
std::optional<std::string> check_socket_path(std::string_view text);

// Accepts a path HAProxy takes as a plain argument (a map file, a crt-list, a certificate):
// absolute, of letters, digits, '.', '_', '-' and '/' only.
std::optional<std::string> check_plain_path(std::string_view text);

// Accepts a file name inside a directory: letters, digits, '.', '_' and '-', not starting
// with '.'.
std::optional<std::string> check_file_name(std::string_view text);

// Accepts an OpenSSL cipher list as HAProxy's ciphers/ciphersuites take it: non-empty, of
// letters, digits and ":+!@=._-".
std::optional<std::string> check_cipher_list(std::string_view text);

// Accepts a user name or password rendered into the HAProxy config: non-empty, without
// whitespace, quotes, '\\', '#' or ':'.
std::optional<std::string> check_haproxy_credential(std::string_view text);

// Accepts an http:// or https:// URL without whitespace.
std::optional<std::string> check_http_url(std::string_view text);

// Accepts a bearer token secret of at least 16 characters without whitespace.
std::optional<std::string> check_token_secret(std::string_view text);

// Accepts a user name for HTTP basic auth: non-empty, without ':'.
std::optional<std::string> check_basic_auth_user(std::string_view text);

}  // namespace skylr::config
