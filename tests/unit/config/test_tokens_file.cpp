#include "config/tokens_file.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "fake_file_system.h"

namespace skylr::config {
namespace {

const std::vector<ApiToken> kTokens = {{"ci", "0123456789abcdef"}, {"ops", "fedcba9876543210xyz"}};

std::string error_of(std::string_view text, const std::vector<ApiToken>& earlier = {}) {
  Result<std::vector<ApiToken>> tokens = parse_tokens_file(text, earlier);
  return tokens ? "(accepted)" : tokens.error().message;
}

}  // namespace

TEST_CASE("skylr::config::parse_tokens_file") {
  SUBCASE("name:secret lines; comments, blank lines and spaces skipped") {
    auto tokens = parse_tokens_file("# deploy tokens\n\nci:0123456789abcdef\r\n  ops : fedcba9876543210xyz \n", {});
    REQUIRE(tokens);
    REQUIRE(tokens->size() == 2);
    CHECK((*tokens)[0].name == "ci");
    CHECK((*tokens)[0].secret == "0123456789abcdef");
    CHECK((*tokens)[1].name == "ops");
    CHECK((*tokens)[1].secret == "fedcba9876543210xyz");
  }
  SUBCASE("a secret may contain ':'") {
    auto tokens = parse_tokens_file("ci:0123:456789abcdef", {});
    REQUIRE(tokens);
    CHECK((*tokens)[0].secret == "0123:456789abcdef");
  }
  SUBCASE("an empty file has no tokens") {
    auto tokens = parse_tokens_file("", {});
    REQUIRE(tokens);
    CHECK(tokens->empty());
  }
  SUBCASE("bad lines, each with its number and never the secret") {
    struct Case {
      std::string_view text;
      std::string_view message;
    };
    const Case cases[] = {
        {"0123456789abcdef", "line 1: expected name:secret"},
        {"\n:0123456789abcdef", "line 2: the token name must not be empty"},
        {"ci:short", R"(line 1: secret of "ci": must be at least 16 characters long)"},
        {"ci:0123456789 abcdef", R"(line 1: secret of "ci": must not contain whitespace)"},
        {"ci:0123456789abcdef\nci:fedcba9876543210", R"(line 2: "ci" is already the name of a token)"},
        {"a:short\nb\nc:0123456789abcdef",
         "line 1: secret of \"a\": must be at least 16 characters long\nline 2: expected name:secret"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.text);
      CHECK(error_of(c.text) == c.message);
    }
  }
  SUBCASE("a name already used in the config is refused") {
    CHECK(error_of("ops:0000000000000000", kTokens) == R"(line 1: "ops" is already the name of a token)");
  }
}

TEST_CASE("skylr::config::load_tokens_file") {
  testing::FakeFileSystem fs;
  JobUpdateConfig updates;
  updates.tokens = {kTokens[0]};
  SUBCASE("no file configured: the tokens stay as they are") {
    REQUIRE(load_tokens_file(fs, updates));
    CHECK(updates.tokens.size() == 1);
  }
  SUBCASE("the file's tokens come after the config's") {
    fs.put("/etc/skylr/tokens", "deploy:aaaaaaaaaaaaaaaaaaaa\n");
    updates.tokens_file = "/etc/skylr/tokens";
    REQUIRE(load_tokens_file(fs, updates));
    REQUIRE(updates.tokens.size() == 2);
    CHECK(updates.tokens[1].name == "deploy");
    CHECK(updates.tokens[1].secret == "aaaaaaaaaaaaaaaaaaaa");
  }
  SUBCASE("a missing file fails naming it") {
    updates.tokens_file = "/etc/skylr/none";
    Status loaded = load_tokens_file(fs, updates);
    REQUIRE_FALSE(loaded);
    CHECK(loaded.error().message ==
          "job_updates.tokens_file: cannot read /etc/skylr/none: No such file or directory");
  }
  SUBCASE("bad lines fail, each prefixed with the file; nothing is added") {
    fs.put("/etc/skylr/tokens", "x\nci:bbbbbbbbbbbbbbbbbbbb\n");
    updates.tokens_file = "/etc/skylr/tokens";
    Status loaded = load_tokens_file(fs, updates);
    REQUIRE_FALSE(loaded);
    CHECK(loaded.error().message ==
          "job_updates.tokens_file: /etc/skylr/tokens: line 1: expected name:secret\n"
          "job_updates.tokens_file: /etc/skylr/tokens: line 2: \"ci\" is already the name of a token");
    CHECK(updates.tokens.size() == 1);
  }
}

}  // namespace skylr::config
