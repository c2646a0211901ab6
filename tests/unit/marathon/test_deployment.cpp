#include "marathon/deployment.h"

#include <doctest/doctest.h>

namespace skylr::marathon {

TEST_CASE("skylr::marathon::parse_deployments") {
  SUBCASE("a deployment in progress") {
    auto deployments = parse_deployments(R"([{"id":"d-1","version":"2024-06-01T10:00:00.000Z",
        "affectedApps":["/web"],"affectedPods":[],"steps":[{"actions":[]}],"currentActions":[],
        "currentStep":1,"totalSteps":2}])");
    REQUIRE(deployments.ok());
    REQUIRE(deployments->size() == 1);
    const Deployment& deployment = deployments->front();
    CHECK(deployment.id == "d-1");
    CHECK(deployment.version == "2024-06-01T10:00:00.000Z");
    CHECK(deployment.affected_apps == std::vector<std::string>{"/web"});
    CHECK(deployment.current_step == 1);
    CHECK(deployment.total_steps == 2);
  }

  SUBCASE("none in progress; optional members absent or null") {
    CHECK(parse_deployments("[]")->empty());
    auto deployments = parse_deployments(R"([{"id":"a"},{"id":"b","currentStep":null}])");
    REQUIRE(deployments.ok());
    REQUIRE(deployments->size() == 2);
    CHECK(deployments->at(1).id == "b");
    CHECK(deployments->at(1).current_step == 0);
    CHECK(deployments->at(1).total_steps == 0);
  }

  SUBCASE("malformed answers") {
    struct Case {
      const char* body;
      const char* error;
    };
    const Case cases[] = {
        {"", "GET /v2/deployments: invalid JSON at line 1, column 1: The document is empty."},
        {R"({"id":"a"})", "(document): expected an array, got an object"},
        {R"([1])", "[0]: expected an object, got 1"},
        {R"([{"version":"v"}])", "[0]: no \"id\""},
        {R"([{"id":7}])", "[0].id: expected a string, got 7"},
        {R"([{"id":"a","currentStep":"2"}])", "[0].currentStep: expected an integer 0-1000000, got \"2\""},
        {R"([{"id":"a","totalSteps":-1}])", "[0].totalSteps: expected an integer 0-1000000, got -1"},
        {R"([{"id":"a","affectedApps":"/web"}])", "[0].affectedApps: expected an array, got \"/web\""},
        {R"([{"id":"a","affectedApps":[1]}])", "[0].affectedApps[0]: expected a string, got 1"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.body);
      auto deployments = parse_deployments(c.body);
      REQUIRE_FALSE(deployments.ok());
      CHECK(deployments.error().message == c.error);
    }
  }
}

TEST_CASE("skylr::marathon::find_deployment") {
  std::vector<Deployment> deployments = {{"a", "", {}, 1, 1}, {"b", "", {}, 2, 3}};
  REQUIRE(find_deployment(deployments, "b") != nullptr);
  CHECK(find_deployment(deployments, "b")->total_steps == 3);
  CHECK(find_deployment(deployments, "c") == nullptr);
  CHECK(find_deployment({}, "a") == nullptr);
}

TEST_CASE("skylr::marathon::parse_app_versions") {
  auto versions = parse_app_versions(
      R"({"app":{"id":"/web","version":"v3","versionInfo":{"lastConfigChangeAt":"v1","lastScalingAt":"v3"}}})");
  REQUIRE(versions.ok());
  CHECK(versions->version == "v3");
  CHECK(versions->last_config_change_at == "v1");
  CHECK(versions->last_scaling_at == "v3");
  auto old_marathon = parse_app_versions(R"({"app":{"version":"v1"}})");
  REQUIRE(old_marathon.ok());
  CHECK(old_marathon->last_config_change_at.empty());

  struct Case {
    std::string_view body;
    std::string_view error;
  };
  const Case cases[] = {
      {"<html>", "app: invalid JSON at line 1, column 1: Invalid value."},
      {"[]", "(document): expected an object, got an array"},
      {"{}", "app: required key is missing"},
      {R"({"app":{"version":3}})", "app.version: expected a string, got 3"},
      {R"({"app":{"versionInfo":[]}})", "app.versionInfo: expected an object, got an array"},
      {R"({"app":{"versionInfo":{"lastScalingAt":false}}})",
       "app.versionInfo.lastScalingAt: expected a string, got false"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.body);
    auto parsed = parse_app_versions(c.body);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == c.error);
  }
}

TEST_CASE("skylr::marathon::update_in_effect") {
  const AppVersions scaled_since{"v3", "v1", "v3"};
  CHECK(update_in_effect(scaled_since, "v1"));  // the definition change, scaled since
  CHECK(update_in_effect(scaled_since, "v3"));  // the scaling itself
  CHECK_FALSE(update_in_effect(scaled_since, "v2"));  // replaced by v3
  CHECK_FALSE(update_in_effect(scaled_since, ""));
  CHECK(update_in_effect({"v1", "", ""}, "v1"));  // Marathon without versionInfo
}

}  // namespace skylr::marathon
