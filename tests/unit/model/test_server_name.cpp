#include <doctest/doctest.h>

#include <string>

#include "model/server_name.h"

namespace skylr::model {

TEST_CASE("skylr::model::server_name") {
  struct Case {
    std::string task_id;
    std::string expected;
  };
  const Case cases[] = {
      {"grp_app.8cad6a69-6ca8-11e7-beb2-0e2beceebfcc", "t-8cad6a69-6ca8-11e7-beb2-0e2beceebfcc"},
      {"skylr.03A2B8D7-53B1-11E4-8AC2-525400700DF7", "t-03A2B8D7-53B1-11E4-8AC2-525400700DF7"},
      {"web.1", "web.1"},
      {"a:b-c_d.e", "a:b-c_d.e"},
      // one character short of a UUID: sanitised, and unchanged so no hash
      {"app.8cad6a69-6ca8-11e7-beb2-0e2beceebfc", "app.8cad6a69-6ca8-11e7-beb2-0e2beceebfc"},
      // a non-hex digit in the UUID position
      {"app.8cad6a69-6ca8-11e7-beb2-0e2beceebfcg", "app.8cad6a69-6ca8-11e7-beb2-0e2beceebfcg"},
      {"app/x", "app_x-252536d3"},
      {"app x", "app_x-2b3b0694"},
      {"app\nx", "app_x-277ba79e"},
      {"", "t-811c9dc5"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.task_id);
    CHECK(server_name(c.task_id) == c.expected);
  }

  SUBCASE("ids that sanitise alike keep distinct names") {
    CHECK(server_name("a/b") != server_name("a b"));
    CHECK(server_name("a/b") != server_name("a_b"));
  }
}

}  // namespace skylr::model
