#include "config/endpoint.h"

#include <doctest/doctest.h>

#include <string_view>

namespace skylr::config {

TEST_CASE("skylr::config::parse_marathon_endpoint") {
  SUBCASE("accepted forms") {
    struct Case {
      std::string_view text;
      std::string_view scheme;
      std::string_view host;
      int port;
      std::string_view base_path;
    };
    const Case cases[] = {
        {"marathon.lab:8080", "http", "marathon.lab", 8080, ""},
        {"marathon.lab", "http", "marathon.lab", 8080, ""},
        {"10.0.0.5:8081", "http", "10.0.0.5", 8081, ""},
        {"[::1]:8080", "http", "::1", 8080, ""},
        {"[fe80::2]", "http", "fe80::2", 8080, ""},
        {"http://m1:9090", "http", "m1", 9090, ""},
        {"http://m1", "http", "m1", 80, ""},
        {"https://m1", "https", "m1", 443, ""},
        {"https://m1:8443/marathon/", "https", "m1", 8443, "/marathon"},
        {"http://[2001:db8::7]:8080/a/b", "http", "2001:db8::7", 8080, "/a/b"},
        {"http://m1/", "http", "m1", 80, ""},
    };
    for (const Case& c : cases) {
      CAPTURE(c.text);
      Result<MarathonEndpoint> endpoint = parse_marathon_endpoint(c.text);
      REQUIRE(endpoint.ok());
      CHECK(endpoint->scheme == c.scheme);
      CHECK(endpoint->host == c.host);
      CHECK(endpoint->port == c.port);
      CHECK(endpoint->base_path == c.base_path);
    }
  }
  SUBCASE("rejected forms") {
    struct Case {
      std::string_view text;
      std::string_view reason;
    };
    const Case cases[] = {
        {"", "host is missing"},
        {":8080", "host is missing"},
        {"http://", "host is missing"},
        {"m1 :8080", "host may only contain letters, digits, '.', '-' and '_'"},
        {"m1:", "port must be an integer 1-65535"},
        {"m1:0", "port must be an integer 1-65535"},
        {"m1:65536", "port must be an integer 1-65535"},
        {"m1:-80", "port must be an integer 1-65535"},
        {"m1:80x", "port must be an integer 1-65535"},
        {"::1:8080", "IPv6 addresses must be in brackets, e.g. \"[::1]:8080\""},
        {"[::1", "missing ']' after the IPv6 address"},
        {"[m1]:8080", "brackets must hold an IPv6 address"},
        {"[::1]8080", "expected ':' and a port after ']'"},
        {"ftp://m1:21", "scheme must be http or https"},
        {"HTTP://m1", "scheme must be http or https"},
        {"m1:8080/marathon", "a path needs the URL form, e.g. \"http://host:8080/path\""},
        {"http://user:pw@m1:8080", "credentials belong in marathon_credentials"},
        {"http://m1/a b", "the path must not contain whitespace, '?' or '#'"},
        {"http://m1/?x=1", "the path must not contain whitespace, '?' or '#'"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.text);
      Result<MarathonEndpoint> endpoint = parse_marathon_endpoint(c.text);
      REQUIRE_FALSE(endpoint.ok());
      CHECK(endpoint.error().message == c.reason);
    }
  }
}

TEST_CASE("skylr::config::MarathonEndpoint::origin") {
  struct Case {
    MarathonEndpoint endpoint;
    std::string_view origin;
  };
  const Case cases[] = {
      {{"http", "m1", 8080, ""}, "http://m1:8080"},
      {{"https", "m1", 443, "/marathon"}, "https://m1:443"},
      {{"http", "::1", 8080, ""}, "http://[::1]:8080"},
      {{"http", "10.1.2.3", 80, ""}, "http://10.1.2.3:80"},
  };
  for (const Case& c : cases) CHECK(c.endpoint.origin() == c.origin);
}

}  // namespace skylr::config
