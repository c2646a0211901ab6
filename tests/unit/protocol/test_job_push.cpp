#include "protocol/job_push.h"

#include <doctest/doctest.h>

#include "protocol/job_result.h"

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

TEST_CASE("skylr::protocol::parse_push_result") {
  SUBCASE("success") {
    auto result = parse_push_result(
        R"({"results":{"/web":{"status":200,"deploymentId":"d-1","version":"v-1"}}})", "/web");
    REQUIRE(result.ok());
    CHECK(result->status == 200);
    CHECK(result->deployment_id == "d-1");
    CHECK(result->version == "v-1");
    CHECK(result->error.empty());
  }
  SUBCASE("locked, refused and unreachable") {
    auto locked = parse_push_result(
        R"({"results":{"/web":{"status":409,"message":"App is locked","deployments":["d-1","d-2"]}}})",
        "/web");
    REQUIRE(locked.ok());
    CHECK(locked->status == 409);
    CHECK(locked->message == "App is locked");
    CHECK(locked->deployments == std::vector<std::string>{"d-1", "d-2"});
    auto invalid = parse_push_result(
        R"({"results":{"/web":{"status":422,"message":"Object is not valid","details":[{"path":"/mem"}]}}})",
        "/web");
    REQUIRE(invalid.ok());
    CHECK(invalid->details == R"([{"path":"/mem"}])");
    auto unreachable = parse_push_result(R"({"results":{"/web":{"error":"no Marathon answered"}}})", "/web");
    REQUIRE(unreachable.ok());
    CHECK(unreachable->status == 0);
    CHECK(unreachable->error == "no Marathon answered");
  }
  SUBCASE("reads what format_update_results writes from Marathon's answers") {
    HttpResponse locked{409, {}, R"({"message":"App is locked","deployments":[{"id":"d-9"}]})"};
    auto result = parse_push_result(format_update_results({{"/web", locked}}), "/web");
    REQUIRE(result.ok());
    CHECK(result->status == 409);
    CHECK(result->deployments == std::vector<std::string>{"d-9"});
    HttpResponse done{200, {}, R"({"deploymentId":"d-1","version":"v-1"})"};
    result = parse_push_result(format_update_results({{"/web", done}}), "/web");
    REQUIRE(result.ok());
    CHECK(result->deployment_id == "d-1");
    CHECK(result->version == "v-1");
  }
  SUBCASE("malformed answers") {
    struct Case {
      const char* body;
      const char* error;
    };
    const Case cases[] = {
        {"oops", "skylrd's answer: invalid JSON at line 1, column 1: Invalid value."},
        {"[]", "(document): expected an object, got an array"},
        {"{}", "(document): no \"results\""},
        {R"({"results":[]})", "results: expected an object, got an array"},
        {R"({"results":{"/api":{"status":200}}})", "results: no result for /web"},
        {R"({"results":{"/web":{}}})", "results./web: neither \"status\" nor \"error\""},
        {R"({"results":{"/web":{"status":"200"}}})",
         "results./web.status: expected an integer 100-599, got \"200\""},
        {R"({"results":{"/web":{"status":200,"version":1}}})",
         "results./web.version: expected a string, got 1"},
        {R"({"results":{"/web":{"status":409,"deployments":[1]}}})",
         "results./web.deployments[0]: expected a string, got 1"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.body);
      auto result = parse_push_result(c.body, "/web");
      REQUIRE_FALSE(result.ok());
      CHECK(result.error().message == c.error);
    }
  }
}

TEST_CASE("skylr::protocol::answer_message") {
  struct Case {
    int status;
    const char* body;
    const char* message;
  };
  const Case cases[] = {
      {401, R"({"message":"missing or wrong token"})", "missing or wrong token"},
      {403, R"({"message":7})", R"({"message":7})"},
      {502, "Bad Gateway\r\n\x01", "Bad Gateway???"},
      {404, "", "HTTP 404"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.body);
    CHECK(answer_message(c.status, c.body) == c.message);
  }
  CHECK(answer_message(500, std::string(300, 'x')) == std::string(200, 'x'));
}

}  // namespace skylr::protocol
