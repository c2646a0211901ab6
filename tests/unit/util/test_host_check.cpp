#include <doctest/doctest.h>

#include <string>

#include "util/host_check.h"

namespace skylr::util {

TEST_CASE("skylr::util::is_valid_host") {
  struct Case {
    std::string host;
    bool valid;
  };
  const Case cases[] = {
      {"10.0.2.148", true},
      {"agent-1.mesos.example.org", true},
      {"under_score", true},
      {"::1", true},
      {"fd00::a:1", true},
      {"::ffff:10.0.0.1", true},
      {"", false},
      {"a b", false},
      {"a\nb", false},
      {"a\tb", false},
      {"host#1", false},
      {"\"host\"", false},
      {"'host'", false},
      {"{host}", false},
      {"host:80", false},       // ':' makes it IPv6, and 'h' is no hex digit
      {"fe80::1%eth0", false},  // zone ids are not accepted
      {"[::1]", false},
      {"h\xc3\xa9te", false},
      // Found by fuzzing: HAProxy refuses the whole config over an empty DNS label, and
      // an IPv6 form inet_pton cannot read is no address.
      {".", false},
      {"..", false},
      {".agent", false},
      {"agent..mesos", false},
      {"agent.mesos.", true},
      {"fd0:::1", false},
      {"::::", false},
      {"1:2", false},
      {":", false},
      {std::string(253, 'a'), true},
      {std::string(254, 'a'), false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.host);
    CHECK(is_valid_host(c.host) == c.valid);
  }
}

TEST_CASE("skylr::util::is_ipv6_literal") {
  CHECK(is_ipv6_literal("::1"));
  CHECK_FALSE(is_ipv6_literal("10.0.0.1"));
  CHECK_FALSE(is_ipv6_literal("agent-1"));
}

TEST_CASE("skylr::util::is_printable_id") {
  CHECK(is_printable_id("app.8cad6a69-6ca8-11e7-beb2-0e2beceebfcc"));
  CHECK(is_printable_id("a/b#\"c'{}"));
  CHECK_FALSE(is_printable_id(""));
  CHECK_FALSE(is_printable_id("a b"));
  CHECK_FALSE(is_printable_id("a\nb"));
  CHECK_FALSE(is_printable_id("a\x7f"));
  CHECK_FALSE(is_printable_id("h\xc3\xa9"));
}

TEST_CASE("skylr::util::quote_for_message") {
  CHECK(quote_for_message("a\nb") == R"("a\nb")");
  CHECK(quote_for_message("a\r\tb") == R"("a\r\tb")");
  CHECK(quote_for_message("say \"hi\" \\o/") == R"("say \"hi\" \\o/")");
  CHECK(quote_for_message(std::string("\x01\x7f\xff", 3)) == R"("\x01\x7f\xff")");
  CHECK(quote_for_message(std::string(64, 'x')) == "\"" + std::string(64, 'x') + "\"");
  CHECK(quote_for_message(std::string(65, 'x')) == "\"" + std::string(64, 'x') + "...\"");
}

}  // namespace skylr::util
