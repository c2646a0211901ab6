// Bearer tokens: the Authorization header and the constant-time match.
#include "token_auth.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

namespace skylr {
namespace {

const std::vector<ApiToken> kTokens = {{"ci", "0123456789abcdef"}, {"ops", "fedcba9876543210xyz"}};

}  // namespace

TEST_CASE("skylr::bearer_token") {
  struct Case {
    std::string_view header;
    std::optional<std::string_view> token;
  };
  const Case cases[] = {
      {"Bearer abc", "abc"},
      {"bearer abc", "abc"},
      {"BEARER  abc  ", "abc"},
      {"Bearer\tabc", "abc"},
      {"Bearer", std::nullopt},
      {"Bearer ", std::nullopt},
      {"Bearerabc", std::nullopt},
      {"Basic dXNlcjpwYXNz", std::nullopt},
      {"", std::nullopt},
      {"abc", std::nullopt},
  };
  for (const Case& c : cases) {
    CAPTURE(c.header);
    CHECK(bearer_token(c.header) == c.token);
  }
}

TEST_CASE("skylr::match_token") {
  SUBCASE("the right secret gives its token's name") {
    CHECK(match_token(kTokens, "0123456789abcdef") == "ci");
    CHECK(match_token(kTokens, "fedcba9876543210xyz") == "ops");
  }
  SUBCASE("a wrong secret of the same length matches nothing") {
    CHECK(match_token(kTokens, "0123456789abcdeF") == std::nullopt);
    CHECK(match_token(kTokens, "x123456789abcdef") == std::nullopt);
  }
  SUBCASE("prefixes, extensions and repetitions of a secret match nothing") {
    CHECK(match_token(kTokens, "0123456789abcde") == std::nullopt);
    CHECK(match_token(kTokens, "0123456789abcdef0") == std::nullopt);
    CHECK(match_token(kTokens, "0123456789abcdef0123456789abcdef") == std::nullopt);
    CHECK(match_token(kTokens, "") == std::nullopt);
  }
  SUBCASE("no tokens: nothing matches") { CHECK(match_token({}, "0123456789abcdef") == std::nullopt); }
}

}  // namespace skylr
