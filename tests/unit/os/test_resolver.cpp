#include "skylr/resolver.h"

#include <doctest/doctest.h>

#include <algorithm>

namespace skylr {

TEST_CASE("skylr::default_resolver") {
  std::vector<std::string> local = default_resolver().resolve("localhost");
  REQUIRE_FALSE(local.empty());
  CHECK((local.front() == "127.0.0.1" || local.front() == "::1"));
  CHECK(std::adjacent_find(local.begin(), local.end()) == local.end());
  CHECK(default_resolver().resolve("127.0.0.1") == std::vector<std::string>{"127.0.0.1"});
  CHECK(default_resolver().resolve("no-such-host.invalid").empty());
}

}  // namespace skylr
