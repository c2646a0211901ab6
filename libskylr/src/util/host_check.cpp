#include "util/host_check.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace skylr::util {
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

// True for an IPv6 address in a form inet_pton (and so HAProxy) reads.
bool is_ipv6_address(std::string_view host) {
  if (!std::all_of(host.begin(), host.end(), is_ipv6_char)) return false;
  in6_addr address{};
  return inet_pton(AF_INET6, std::string(host).c_str(), &address) == 1;
}

// True for labels of DNS characters joined by single dots, perhaps ending in one: HAProxy
// refuses a whole configuration over a server whose name has an empty label.
bool is_dns_name(std::string_view host) {
  return std::all_of(host.begin(), host.end(), is_dns_char) && !host.starts_with('.') &&
         host.find("..") == std::string_view::npos;
}

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
  return is_ipv6_literal(host) ? is_ipv6_address(host) : is_dns_name(host);
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

}  // namespace skylr::util
