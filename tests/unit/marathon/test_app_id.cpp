// normalize_app_id: absolute, canonical Marathon app ids.
#include <doctest/doctest.h>

#include <string_view>

#include "skylr/marathon.h"

namespace skylr {
namespace {

TEST_CASE("skylr::normalize_app_id") {
  struct Case {
    std::string_view id;
    std::string_view expected;
  };
  const Case cases[] = {
      {"skylr", "/skylr"},
      {"/skylr", "/skylr"},
      {"/a//b/", "/a/b"},
      {"grp/sub/app", "/grp/sub/app"},
      {"//grp///app//", "/grp/app"},
      {"", "/"},
      {"/", "/"},
      {"///", "/"},
      {"/my-app.v2_x", "/my-app.v2_x"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.id);
    CHECK(normalize_app_id(c.id) == c.expected);
  }
}

}  // namespace
}  // namespace skylr
