#include "skylr/peer_allowlist.h"

#include <doctest/doctest.h>

namespace skylr {

TEST_CASE("skylr::canonical_ip") {
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

TEST_CASE("skylr::PeerAllowlist") {
  PeerAllowlist allowlist;
  CHECK(allowlist.empty());
  CHECK_FALSE(allowlist.allows("127.0.0.1"));
  CHECK(allowlist.add("10.0.0.7"));
  CHECK(allowlist.add("::1"));
  CHECK_FALSE(allowlist.add("not-an-ip"));

  CHECK(allowlist.allows("10.0.0.7"));
  CHECK(allowlist.allows("::ffff:10.0.0.7"));
  CHECK(allowlist.allows("0:0::1"));
  CHECK_FALSE(allowlist.allows("10.0.0.8"));
  CHECK_FALSE(allowlist.allows("127.0.0.1"));
  CHECK_FALSE(allowlist.allows(""));
  CHECK_FALSE(allowlist.allows("10.0.0.7x"));
}

}  // namespace skylr
