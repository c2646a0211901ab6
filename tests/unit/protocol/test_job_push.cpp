#include "protocol/job_push.h"

#include <doctest/doctest.h>

namespace skylr::protocol {

TEST_CASE("skylr::protocol::push_body") {
  SUBCASE("flags alone") {
    AppFieldOverrides overrides{3, 0.5, 256};
    CHECK(*push_body("/web", "", "app.json", overrides) == R"({"instances":3,"cpus":0.5,"mem":256.0})");
    CHECK(*push_body("/web", "", "app.json", {std::nullopt, std::nullopt, 64}) == R"({"mem":64.0})");
  }
  SUBCASE("the file, its id checked and dropped, then the flags") {
    const char* file = R"({"id":"web","cmd":"serve","instances":1,"env":{"A":"b"}})";
    CHECK(*push_body("/web", file, "app.json", {4, std::nullopt, std::nullopt}) ==
          R"({"cmd":"serve","instances":4,"env":{"A":"b"}})");
    CHECK(*push_body("/grp/web", R"({"id":"/grp/web/"})", "app.json", {}) == "{}");
  }
  SUBCASE("bad files") {
    struct Case {
      const char* file;
      const char* error;
    };
    const Case cases[] = {
        {"{", "app.json: invalid JSON at line 1, column 2: Missing a name for object member."},
        {"[]", "app.json: expected an object, got an array"},
        {R"({"id":"/api"})", R"(app.json: "id" is "/api", not the app pushed (/web))"},
        {R"({"id":3})", R"(app.json: "id" is 3, not the app pushed (/web))"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.file);
      auto body = push_body("/web", c.file, "app.json", {1, std::nullopt, std::nullopt});
      REQUIRE_FALSE(body.ok());
      CHECK(body.error().message == c.error);
    }
  }
}

}  // namespace skylr::protocol
