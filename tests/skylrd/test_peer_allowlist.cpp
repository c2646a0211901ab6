#include "peer_allowlist.h"

#include <doctest/doctest.h>

namespace skylr {

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
