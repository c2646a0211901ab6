// Reporting Marathon's answers to a job update: the per-app JSON, the overall status and
// the audit text.
#include "protocol/job_result.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace skylr::protocol {
namespace {

constexpr const char* kLocked =
    R"({"message":"App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/<ID>'.","deployments":[{"id":"d-1"}]})";

AppOutcome answered(std::string app_id, int status, std::string body,
                    std::map<std::string, std::string> headers = {}) {
  return {std::move(app_id), HttpResponse{status, std::move(headers), std::move(body)}};
}

AppOutcome unreachable(std::string app_id) {
  return {std::move(app_id), Error{"no Marathon answered: http://m1:8080: cannot connect"}};
}

AppOutcome ok(std::string app_id) {
  return answered(std::move(app_id), 200, R"({"deploymentId":"d-2","version":"2024-01-01T00:00:00.000Z"})");
}

}  // namespace

TEST_CASE("skylr::protocol::format_update_results") {
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
    CHECK(format_update_results({c.outcome}) == R"({"results":{)" + c.json + "}}");
  }
  SUBCASE("apps in the order given") {
    CHECK(format_update_results({ok("/web"), unreachable("/api")}) ==
          R"({"results":{"/web":{"status":200,"deploymentId":"d-2","version":"2024-01-01T00:00:00.000Z"},)"
          R"("/api":{"error":"no Marathon answered: http://m1:8080: cannot connect"}}})");
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
    CAPTURE(format_update_results(c.outcomes));
    CHECK(update_status(c.outcomes) == c.status);
  }
}

TEST_CASE("skylr::protocol::describe_outcome") {
  CHECK(describe_outcome(ok("/web")) == "HTTP 200 deployment d-2");
  CHECK(describe_outcome(answered("/web", 200, "")) == "HTTP 200");
  CHECK(describe_outcome(answered("/web", 422, R"({"message":"Object\nis not valid"})")) ==
        "HTTP 422: Object?is not valid");
  CHECK(describe_outcome(unreachable("/web")) == "failed: no Marathon answered: http://m1:8080: cannot connect");
}

}  // namespace skylr::protocol
