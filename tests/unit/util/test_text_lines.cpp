#include "util/text_lines.h"

#include <doctest/doctest.h>

#include <string_view>
#include <vector>

namespace skylr::util {

using Lines = std::vector<std::string_view>;

TEST_CASE("skylr::util::lines_of") {
  const struct {
    std::string_view text;
    Lines lines;
  } cases[] = {
      {"", {}},
      {"a", {"a"}},
      {"a\n", {"a"}},
      {"a\nb", {"a", "b"}},
      {"a\n\nb\n", {"a", "", "b"}},
      {"a\r\n", {"a\r"}},
      {"\n", {""}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(lines_of(c.text) == c.lines);
  }
}

TEST_CASE("skylr::util::non_blank_lines") {
  const struct {
    std::string_view text;
    Lines lines;
  } cases[] = {
      {"", {}},
      {"a\r\nb\r\n", {"a", "b"}},
      {"a\n\n \t\r\nb", {"a", "b"}},
      {"\n\n a \n", {" a "}},
      {"a\rb\n", {"a\rb"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(non_blank_lines(c.text) == c.lines);
  }
}

}  // namespace skylr::util
