#include "host_check.h"

#include <fmt/format.h>

#include <algorithm>

namespace skylr {
namespace {

constexpr std::size_t kMaxHostLength = 253;
constexpr std::size_t kMaxQuotedLength = 64;

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_dns_char(char c) { return is_alnum(c) || c == '-' || c == '.' || c == '_'; }

bool is_ipv6_char(char c) { return is_hex(c) || c == ':' || c == '.'; }

// The escape of one byte inside quote_for_message's quotes.
std::string escaped(char c) {
  auto byte = static_cast<unsigned char>(c);
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      break;
  }
  if (byte < 0x20 || byte >= 0x7f) return fmt::format("\\x{:02x}", byte);
  return std::string(1, c);
}

}  // namespace

bool is_valid_host(std::string_view host) {
  if (host.empty() || host.size() > kMaxHostLength) return false;
  if (is_ipv6_literal(host)) return std::all_of(host.begin(), host.end(), is_ipv6_char);
  return std::all_of(host.begin(), host.end(), is_dns_char);
}

bool is_ipv6_literal(std::string_view host) { return host.find(':') != std::string_view::npos; }

bool is_printable_id(std::string_view id) {
  return !id.empty() &&
         std::all_of(id.begin(), id.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

std::string quote_for_message(std::string_view text) {
  std::string out = "\"";
  for (char c : text.substr(0, kMaxQuotedLength)) out += escaped(c);
  if (text.size() > kMaxQuotedLength) out += "...";
  out += '"';
  return out;
}

}  // namespace skylr
