#include "config/host_port.h"

#include <doctest/doctest.h>

#include <string_view>

namespace skylr::config {

TEST_CASE("skylr::config::parse_listen_address") {
  struct Case {
    std::string_view text;
    std::string_view host;  // "" when rejected
    int port;
    std::string_view reason;
  };
  const Case cases[] = {
      {"0.0.0.0:3030", "0.0.0.0", 3030, ""},
      {"localhost:8000", "localhost", 8000, ""},
      {"[::1]:3030", "::1", 3030, ""},
      {"[::]:1", "::", 1, ""},
      {"localhost", "", 0, "port is missing"},
      {"[::1]", "", 0, "port is missing"},
      {"::1:3030", "", 0, "IPv6 addresses must be in brackets, e.g. \"[::1]:8080\""},
      {"*:3030", "", 0, "host may only contain letters, digits, '.', '-' and '_'"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Result<ListenAddress> address = parse_listen_address(c.text);
    if (c.host.empty()) {
      REQUIRE_FALSE(address.ok());
      CHECK(address.error().message == c.reason);
    } else {
      REQUIRE(address.ok());
      CHECK(address->host == c.host);
      CHECK(address->port == c.port);
    }
  }
}

TEST_CASE("skylr::config::parse_bind_host") {
  struct Case {
    std::string_view text;
    std::string_view host;  // "" when rejected
  };
  const Case cases[] = {
      {"*", "*"},         {"127.0.0.1", "127.0.0.1"}, {"::", "::"},
      {"[::1]", "::1"},   {"lb.internal", "lb.internal"},
      {"", ""},           {"a b", ""},                 {"[::1", ""},
      {"10.0.0.1:80", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Result<std::string> host = parse_bind_host(c.text);
    REQUIRE(host.ok() == !c.host.empty());
    if (host.ok()) CHECK(*host == c.host);
  }
}

TEST_CASE("skylr::config::parse_log_target") {
  struct Case {
    std::string_view text;
    std::string_view target;  // "" when rejected
  };
  const Case cases[] = {
      {"stdout", "stdout"},
      {"stderr", "stderr"},
      {"/dev/log", "/dev/log"},
      {"/run/syslog socket", ""},
      {"/dev/log,x", ""},
      {"dev/log", ""},
      {"127.0.0.1", "127.0.0.1:514"},
      {"10.0.0.7:1514", "10.0.0.7:1514"},
      {"[::1]", "[::1]:514"},
      {"[fd00:0::1]:514", "[fd00::1]:514"},
      {"[::ffff:10.0.0.1]:514", "10.0.0.1:514"},
      {"logs.example.internal:514", ""},
      {"STDOUT", ""},
      {"", ""},
      {"127.0.0.1:514 local0", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Result<std::string> target = parse_log_target(c.text);
    REQUIRE(target.ok() == !c.target.empty());
    if (target.ok()) CHECK(*target == c.target);
  }
}

}  // namespace skylr::config
