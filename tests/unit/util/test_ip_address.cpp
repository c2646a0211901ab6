#include "util/ip_address.h"

#include <doctest/doctest.h>

namespace skylr::util {

TEST_CASE("skylr::util::canonical_ip") {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"10.0.0.7", "10.0.0.7"},
      {"::ffff:10.0.0.7", "10.0.0.7"},
      {"0:0:0:0:0:0:0:1", "::1"},
      {"[::1]", "::1"},
      {"FE80::0001", "fe80::1"},
      {"10.0.0.256", ""},
      {"marathon.internal", ""},
      {"", ""},
      {"10.0.0.7 ", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    CHECK(canonical_ip(c.input) == c.expected);
  }
}

}  // namespace skylr::util
