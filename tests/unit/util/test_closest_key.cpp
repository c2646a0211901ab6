#include "util/closest_key.h"

#include <doctest/doctest.h>

#include <optional>
#include <string_view>

namespace skylr::util {

TEST_CASE("skylr::util::edit_distance") {
  struct Case {
    std::string_view a;
    std::string_view b;
    std::size_t distance;
  };
  const Case cases[] = {
      {"", "", 0},           {"port", "port", 0},         {"", "port", 4},
      {"port", "", 4},       {"prot", "port", 2},         {"ports", "port", 1},
      {"authconf", "authConf", 1}, {"kitten", "sitting", 3}, {"bakend_port", "backend_port", 1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.a);
    CAPTURE(c.b);
    CHECK(edit_distance(c.a, c.b) == c.distance);
    CHECK(edit_distance(c.b, c.a) == c.distance);
  }
}

TEST_CASE("skylr::util::closest_key") {
  constexpr std::string_view kKnown[] = {"port", "backend_port", "port_index", "authConf", "mode"};
  struct Case {
    std::string_view key;
    std::optional<std::string_view> suggestion;
  };
  const Case cases[] = {
      {"authconf", "authConf"},        // one substitution
      {"AUTHCONF", "authConf"},        // case only, however many letters differ
      {"prot", "port"},                // transposition costs two
      {"ports", "port"},               // nearest wins over "mode"
      {"port_idx", "port_index"},      // two deletions
      {"modes", "mode"},
      {"weight", std::nullopt},        // nothing within two edits
      {"backend", std::nullopt},
  };
  for (const Case& c : cases) {
    CAPTURE(c.key);
    CHECK(closest_key(c.key, kKnown) == c.suggestion);
  }
  SUBCASE("ties go to the first known key") {
    constexpr std::string_view kTied[] = {"ab", "ba"};
    CHECK(closest_key("aa", kTied) == std::optional<std::string_view>("ab"));
  }
  SUBCASE("no known keys, no suggestion") { CHECK(closest_key("port", {}) == std::nullopt); }
}

}  // namespace skylr::util
