#include "util/base64.h"

#include <doctest/doctest.h>

namespace skylr::util {

TEST_CASE("skylr::util::base64_encode") {
  using namespace std::string_view_literals;
  struct Case {
    std::string_view input;
    std::string_view expected;
  };
  // RFC 4648 section 10, and bytes above 0x7f.
  const Case cases[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
      {"user:pass", "dXNlcjpwYXNz"},
      {"\xff\xfe\x00"sv, "//4A"},
      {"\xfb\xff", "+/8="},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(base64_encode(c.input) == c.expected);
  }
}

}  // namespace skylr::util
