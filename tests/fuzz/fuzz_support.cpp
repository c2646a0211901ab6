#include "fuzz_support.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace skylr::fuzz {
namespace {

constexpr std::string_view kFixedConfig = R"({
  "marathon_hosts": ["marathon.test:8080"],
  "services": {
    "web": {"port": 3000, "authConf": "site_users"},
    "grp/api": {"port": 3001, "port_index": 1, "health": {"check": "http", "path": "/ping"}},
    "db": {"port": 3002, "mode": "tcp", "backend_port": 5432},
    "raw": {"port": 3003, "health": {"check": "none", "marathon_results": "ignore"}}
  },
  "config_destination": "/etc/haproxy/haproxy.auto.cfg",
  "users_config_destination": "/etc/haproxy/users.cfg",
  "stats": {"port": 9000, "user": "ops", "password": "stats-secret"}
})";

}  // namespace

void fail(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "fuzz invariant broken: %.*s\n%.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(detail.size()), detail.data());
  std::abort();
}

void require_loggable(const Error& error, std::size_t max_bytes, bool multi_line) {
  const std::string& message = error.message;
  require(!message.empty(), "empty error message");
  require(message.size() <= max_bytes, fmt::format("error message over {} bytes", max_bytes),
          message);
  bool clean = std::none_of(message.begin(), message.end(), [&](char c) {
    auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && !(multi_line && c == '\n')) || byte == 0x7f;
  });
  require(clean, "control character in an error message", message);
}

void require_no_violations(const std::vector<std::string>& violations, const std::string& text) {
  if (violations.empty()) return;
  fail(fmt::format("rendered config: {}", fmt::join(violations, "; ")), text);
}

const Config& fixed_config() {
  static const Config config = [] {
    Result<Config> parsed = parse_config(kFixedConfig);
    require(parsed.ok(), "the fixed config does not parse",
            parsed.ok() ? "" : parsed.error().message);
    return *parsed;
  }();
  return config;
}

std::pair<std::optional<std::string_view>, std::string_view> split_render_input(
    std::string_view input) {
  std::size_t nul = input.find('\0');
  if (nul == std::string_view::npos) return {std::nullopt, input};
  return {input.substr(0, nul), input.substr(nul + 1)};
}

}  // namespace skylr::fuzz
