#include "config/strings.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/object_reader.h"

namespace skylr::config {

using util::quote;
namespace {

constexpr std::size_t kMinTokenLength = 16;

bool is_space_or_control(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte <= 0x20 || byte == 0x7f;
}

bool has_space_or_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(), is_space_or_control);
}

// True for text HAProxy would not read as one plain word: whitespace or control
// characters, quotes, '\\' (an escape) or '#' (a comment).
bool has_haproxy_special(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return is_space_or_control(c) || c == '"' || c == '\'' || c == '\\' || c == '#';
  });
}

bool is_userlist_char(char c) { return is_plain_name_char(c) || c == ':'; }

std::string expected(std::string_view what, std::string_view text) {
  return fmt::format("expected {}, got {}", what, quote(text));
}

}  // namespace

bool is_plain_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

std::optional<std::string> check_non_empty(std::string_view text) {
  if (text.empty()) return "must not be empty";
  return std::nullopt;
}

std::optional<std::string> check_userlist_name(std::string_view text) {
  if (!text.empty() && std::all_of(text.begin(), text.end(), is_userlist_char)) return std::nullopt;
  return expected("an HAProxy userlist name (letters, digits, '_', '.', ':', '-')", text);
}

std::optional<std::string> check_http_path(std::string_view text) {
  if (text.starts_with('/') && !has_haproxy_special(text)) return std::nullopt;
  return expected("a path starting with '/' and without whitespace, quotes, '\\' or '#'", text);
}

std::optional<std::string> check_socket_path(std::string_view text) {
  bool comma = text.find(',') != std::string_view::npos;
  if (text.starts_with('/') && !has_haproxy_special(text) && !comma) return std::nullopt;
  return expected("an absolute path without whitespace, quotes, '\\', '#' or ','", text);
}

std::optional<std::string> check_plain_path(std::string_view text) {
  bool plain = std::all_of(text.begin(), text.end(), [](char c) { return c == '/' || is_plain_name_char(c); });
  if (text.starts_with('/') && plain) return std::nullopt;
  return "expected an absolute path of letters, digits, '.', '_', '-' and '/'";
}

std::optional<std::string> check_file_name(std::string_view text) {
  bool plain = std::all_of(text.begin(), text.end(), is_plain_name_char);
  if (!text.empty() && !text.starts_with('.') && plain) return std::nullopt;
  return expected("a file name of letters, digits, '.', '_' and '-', not starting with '.'", text);
}

std::optional<std::string> check_cipher_list(std::string_view text) {
  auto cipher_char = [](char c) { return is_plain_name_char(c) || std::string_view(":+!@=").find(c) != std::string_view::npos; };
  if (!text.empty() && std::all_of(text.begin(), text.end(), cipher_char)) return std::nullopt;
  return expected("an OpenSSL cipher list (letters, digits and \":+!@=._-\")", text);
}

std::optional<std::string> check_haproxy_credential(std::string_view text) {
  if (text.empty()) return "must not be empty";
  if (has_haproxy_special(text) || text.find(':') != std::string_view::npos) {
    return "must not contain whitespace, quotes, '\\', '#' or ':'";
  }
  return std::nullopt;
}

std::optional<std::string> check_http_url(std::string_view text) {
  bool http = text.starts_with("http://") || text.starts_with("https://");
  if (http && !has_space_or_control(text)) return std::nullopt;
  return expected("an http:// or https:// URL", text);
}

std::optional<std::string> check_token_secret(std::string_view text) {
  if (text.size() < kMinTokenLength) {
    return fmt::format("must be at least {} characters long", kMinTokenLength);
  }
  if (has_space_or_control(text)) return "must not contain whitespace";
  return std::nullopt;
}

std::optional<std::string> check_basic_auth_user(std::string_view text) {
  if (text.empty()) return "must not be empty";
  if (text.find(':') != std::string_view::npos) return "must not contain ':'";
  return std::nullopt;
}

}  // namespace skylr::config
