// Job-update results: made from Marathon's answers, the per-app JSON written and read back,
// the overall status, the audit text and the message of an error answer.
#include "protocol/job_result.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

namespace skylr::protocol {
namespace {

constexpr const char* kLocked =
    R"({"message":"App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/<ID>'.","deployments":[{"id":"d-1"}]})";

AppOutcome answered(std::string app_id, int status, std::string body,
                    std::map<std::string, std::string> headers = {}) {
  return {std::move(app_id), app_result(HttpResponse{status, std::move(headers), std::move(body)})};
}

AppOutcome unreachable(std::string app_id) {
  return {std::move(app_id), app_result(Error{"no Marathon answered: http://m1:8080: cannot connect"})};
}

AppOutcome ok(std::string app_id) {
  return answered(std::move(app_id), 200, R"({"deploymentId":"d-2","version":"2024-01-01T00:00:00.000Z"})");
}

}  // namespace

TEST_CASE("skylr::protocol::app_result") {
  SUBCASE("2xx: the deployment id of the body before the header's, and the version") {
    AppResult result = app_result(HttpResponse{
        200, {{"marathon-deployment-id", "d-9"}}, R"({"deploymentId":"d-1","version":"v-1","message":"ok"})"});
    CHECK(result.status == 200);
    CHECK(result.deployment_id == "d-1");
    CHECK(result.version == "v-1");
    CHECK(result.message.empty());
    CHECK(result.error.empty());
  }
  SUBCASE("not 2xx: the message, the deployments and the details, no deployment id") {
    AppResult result = app_result(HttpResponse{
        409, {{"marathon-deployment-id", "d-9"}},
        R"({"message":"App is locked","deployments":["d-1",{"id":"d-2"},{"x":1},3],"details":{"a":[1, 2]}})"});
    CHECK(result.status == 409);
    CHECK(result.deployment_id.empty());
    CHECK(result.message == "App is locked");
    CHECK(result.deployments == std::vector<std::string>{"d-1", "d-2"});
    CHECK(result.details == R"({"a":[1,2]})");
  }
  SUBCASE("a body that is not a JSON object") {
    CHECK(app_result(HttpResponse{503, {}, "<html>\nno leader</html>"}).message == "<html>?no leader</html>");
    CHECK(app_result(HttpResponse{422, {}, R"(["x"])"}).message == R"(["x"])");
    CHECK(app_result(HttpResponse{500, {}, ""}).message == "HTTP 500");
    CHECK(app_result(HttpResponse{500, {}, std::string(300, 'x')}).message == std::string(200, 'x'));
  }
  SUBCASE("no answer") {
    AppResult result = app_result(Error{"no Marathon answered"});
    CHECK(result.status == 0);
    CHECK(result.error == "no Marathon answered");
  }
}

TEST_CASE("skylr::protocol::write_update_results") {
  struct Case {
    AppOutcome outcome;
    std::string json;  // the app's member of "results"
  };
  const Case cases[] = {
      {ok("/web"), R"("/web":{"status":200,"deploymentId":"d-2","version":"2024-01-01T00:00:00.000Z"})"},
      {answered("/web", 201, R"({"version":"v1"})", {{"marathon-deployment-id", "d-9"}}),
       R"("/web":{"status":201,"deploymentId":"d-9","version":"v1"})"},
      {answered("/web", 409, kLocked),
       R"("/web":{"status":409,"message":"App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/<ID>'.","deployments":["d-1"]})"},
      {answered("/web", 422, R"({"message":"Object is not valid","details":[{"path":"/mem","errors":["too small"]}]})"),
       R"("/web":{"status":422,"message":"Object is not valid","details":[{"path":"/mem","errors":["too small"]}]})"},
      {answered("/web", 404, R"({"message":"App '/web' does not exist"})"),
       R"("/web":{"status":404,"message":"App '/web' does not exist"})"},
      {answered("/web", 503, "<html>\nno leader</html>"), R"("/web":{"status":503,"message":"<html>?no leader</html>"})"},
      {answered("/web", 500, ""), R"("/web":{"status":500,"message":"HTTP 500"})"},
      {unreachable("/web"), R"("/web":{"error":"no Marathon answered: http://m1:8080: cannot connect"})"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.json);
    CHECK(write_update_results({c.outcome}) == R"({"results":{)" + c.json + "}}");
  }
  SUBCASE("apps in the order given") {
    CHECK(write_update_results({ok("/web"), unreachable("/api")}) ==
          R"({"results":{"/web":{"status":200,"deploymentId":"d-2","version":"2024-01-01T00:00:00.000Z"},)"
          R"("/api":{"error":"no Marathon answered: http://m1:8080: cannot connect"}}})");
  }
}

TEST_CASE("skylr::protocol::parse_app_result") {
  SUBCASE("success") {
    auto result = parse_app_result(
        R"({"results":{"/web":{"status":200,"deploymentId":"d-1","version":"v-1"}}})", "/web");
    REQUIRE(result.ok());
    CHECK(result->status == 200);
    CHECK(result->deployment_id == "d-1");
    CHECK(result->version == "v-1");
    CHECK(result->error.empty());
  }
  SUBCASE("locked, refused and unreachable") {
    auto locked = parse_app_result(
        R"({"results":{"/web":{"status":409,"message":"App is locked","deployments":["d-1","d-2"]}}})",
        "/web");
    REQUIRE(locked.ok());
    CHECK(locked->status == 409);
    CHECK(locked->message == "App is locked");
    CHECK(locked->deployments == std::vector<std::string>{"d-1", "d-2"});
    auto invalid = parse_app_result(
        R"({"results":{"/web":{"status":422,"message":"Object is not valid","details":[{"path":"/mem"}]}}})",
        "/web");
    REQUIRE(invalid.ok());
    CHECK(invalid->details == R"([{"path":"/mem"}])");
    auto unreachable = parse_app_result(R"({"results":{"/web":{"error":"no Marathon answered"}}})", "/web");
    REQUIRE(unreachable.ok());
    CHECK(unreachable->status == 0);
    CHECK(unreachable->error == "no Marathon answered");
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
      auto result = parse_app_result(c.body, "/web");
      REQUIRE_FALSE(result.ok());
      CHECK(result.error().message == c.error);
    }
  }
}

TEST_CASE("skylr::protocol::parse_app_result reads back what write_update_results writes") {
  const Result<HttpResponse> answers[] = {
      HttpResponse{201, {{"marathon-deployment-id", "d-9"}}, R"({"version":"v-1"})"},
      HttpResponse{200, {}, R"({"deploymentId":"d-2","version":"2024-01-01T00:00:00.000Z"})"},
      HttpResponse{409, {}, R"({"message":"App is locked","deployments":["d-1","d-2"]})"},
      HttpResponse{409, {}, kLocked},
      HttpResponse{422, {}, R"({"message":"Object is not valid","details":[{"path":"/mem","errors":["too small"]}]})"},
      HttpResponse{500, {}, "<html>\r\nInternal Server Error\x01</html>"},
      Error{"no Marathon answered: http://m1:8080: cannot connect"},
  };
  for (const Result<HttpResponse>& answer : answers) {
    AppResult expected = app_result(answer);
    std::string written = write_update_results({{"/grp/web", expected}});
    CAPTURE(written);
    Result<AppResult> read = parse_app_result(written, "/grp/web");
    REQUIRE(read.ok());
    CHECK(read->status == expected.status);
    CHECK(read->deployment_id == expected.deployment_id);
    CHECK(read->version == expected.version);
    CHECK(read->message == expected.message);
    CHECK(read->deployments == expected.deployments);
    CHECK(read->details == expected.details);
    CHECK(read->error == expected.error);
  }
}

TEST_CASE("skylr::protocol::update_status") {
  struct Case {
    std::vector<AppOutcome> outcomes;
    int status;
  };
  const Case cases[] = {
      {{ok("/web")}, 200},
      {{ok("/web"), answered("/api", 201, "{}")}, 200},
      {{ok("/web"), answered("/api", 409, kLocked)}, 409},
      {{answered("/web", 409, kLocked), answered("/api", 409, kLocked)}, 409},
      {{answered("/web", 409, kLocked), answered("/api", 422, "{}")}, 422},
      {{ok("/web"), answered("/api", 404, "{}")}, 422},
      {{answered("/web", 409, kLocked), unreachable("/api")}, 502},
      {{ok("/web"), answered("/api", 503, "")}, 502},
      {{unreachable("/web")}, 502},
  };
  for (const Case& c : cases) {
    CAPTURE(write_update_results(c.outcomes));
    CHECK(update_status(c.outcomes) == c.status);
  }
}

TEST_CASE("skylr::protocol::describe_outcome") {
  CHECK(describe_outcome(ok("/web").result) == "HTTP 200 deployment d-2");
  CHECK(describe_outcome(answered("/web", 200, "").result) == "HTTP 200");
  CHECK(describe_outcome(answered("/web", 422, R"({"message":"Object\nis not valid"})").result) ==
        "HTTP 422: Object?is not valid");
  CHECK(describe_outcome(unreachable("/web").result) ==
        "failed: no Marathon answered: http://m1:8080: cannot connect");
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
