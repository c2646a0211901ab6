#include <doctest/doctest.h>

#include "app_validation.h"

namespace skylr::sim {
namespace {

constexpr const char* kIdError =
    R"({"message":"Object is not valid","details":[{"path":"/id","errors":["must fully match regular expression )"
    R"('^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$'"]}]})";

std::string invalid_json(const char* path, const char* error) {
  return std::string(R"({"message":"Invalid JSON","details":[{"path":")") + path + R"(","errors":[")" + error +
         R"("]}]})";
}

std::string not_valid(const char* path, const char* error) {
  return std::string(R"({"message":"Object is not valid","details":[{"path":")") + path +
         R"(","errors":[")" + error + R"("]}]})";
}

}  // namespace

TEST_CASE("skylr::sim::parse_app_json") {
  SUBCASE("valid bodies") {
    const char* bodies[] = {
        R"({})",
        R"({"instances":2,"cpus":0.5,"mem":64,"cmd":null})",
        R"({"id":"/grp/web","labels":{"a":"b"},"env":{"X":{"secret":"s"}},"portDefinitions":[{"port":80}],)"
        R"("healthChecks":[{"protocol":"MESOS_HTTP"}],"container":{"type":"DOCKER"},"unknownField":[1]})",
        R"({"healthChecks":[{"protocol":"TCP","port":65535,"portIndex":null,"gracePeriodSeconds":0,)"
        R"("intervalSeconds":10,"timeoutSeconds":5,"maxConsecutiveFailures":0}]})",
    };
    for (const char* body : bodies) {
      INFO(body);
      auto parsed = parse_app_json(body);
      CHECK(std::holds_alternative<rapidjson::Document>(parsed));
    }
  }
  SUBCASE("invalid bodies answer 400 or 422 with Marathon's details") {
    struct Case {
      const char* body;
      int status;
      std::string answer;
    };
    const Case cases[] = {
        {"{bad", 400, invalid_json("/", "Missing a name for object member. at offset 1")},
        {"[1]", 400, invalid_json("/", "error.expected.jsobject")},
        {R"({"id":5})", 400, invalid_json("/id", "error.expected.jsstring")},
        {R"({"cmd":[]})", 400, invalid_json("/cmd", "error.expected.jsstring")},
        {R"({"labels":{"a":1}})", 400, invalid_json("/labels/a", "error.expected.jsstring")},
        {R"({"env":"x"})", 400, invalid_json("/env", "error.expected.jsobject")},
        {R"({"portDefinitions":{}})", 400, invalid_json("/portDefinitions", "error.expected.jsarray")},
        {R"({"healthChecks":["x"]})", 400, invalid_json("/healthChecks(0)", "error.expected.jsobject")},
        {R"({"instances":-1})", 422, not_valid("/instances", "got -1, expected 0 or more")},
        {R"({"instances":1.5})", 422, not_valid("/instances", "error.expected.int")},
        {R"({"instances":"3"})", 422, not_valid("/instances", "error.expected.jsnumber")},
        {R"({"cpus":"x"})", 422, not_valid("/cpus", "error.expected.jsnumber")},
        {R"({"mem":-5})", 422, not_valid("/mem", "got -5, expected 0.0 or more")},
        {R"({"portDefinitions":[{"port":70000}]})", 422,
         not_valid("/portDefinitions(0)/port", "got 70000, expected 65535 or less")},
        {R"({"healthChecks":[{"protocol":"UDP"}]})", 422,
         not_valid("/healthChecks(0)/protocol", "error.expected.validenumvalue")},
        {R"({"healthChecks":[{},{"intervalSeconds":-1}]})", 422,
         not_valid("/healthChecks(1)/intervalSeconds", "got -1, expected 0 or more")},
        {R"({"healthChecks":[{"port":65536}]})", 422, not_valid("/healthChecks(0)/port", "got 65536, expected 65535 or less")},
        {R"({"healthChecks":[{"portIndex":"0"}]})", 422, not_valid("/healthChecks(0)/portIndex", "error.expected.jsnumber")},
        {R"({"healthChecks":[{"maxConsecutiveFailures":2.5}]})", 422,
         not_valid("/healthChecks(0)/maxConsecutiveFailures", "error.expected.int")},
        {R"({"id":"Web"})", 422, kIdError},
        {R"({"instances":-1,"labels":[]})", 400, invalid_json("/labels", "error.expected.jsobject")},
        {R"({"instances":-2,"cpus":"1"})", 422,
         R"({"message":"Object is not valid","details":[{"path":"/instances","errors":["got -2, expected 0 or more"]},)"
         R"({"path":"/cpus","errors":["error.expected.jsnumber"]}]})"},
    };
    for (const auto& c : cases) {
      INFO(c.body);
      auto parsed = parse_app_json(c.body);
      REQUIRE(std::holds_alternative<ApiError>(parsed));
      CHECK(std::get<ApiError>(parsed).status == c.status);
      CHECK(std::get<ApiError>(parsed).body == c.answer);
    }
  }
}

TEST_CASE("skylr::sim::normalize_app_id") {
  struct Case {
    const char* raw;
    const char* id;  // nullptr: invalid
  };
  const Case cases[] = {
      {"web", "/web"},       {"/grp/web/", "/grp/web"}, {"a.b-c/x9", "/a.b-c/x9"}, {"Web", nullptr},
      {"", nullptr},         {"/", nullptr},            {"a//b", nullptr},          {"-a", nullptr},
      {"a_b", nullptr},      {"grp/../x", nullptr},     {"a-", nullptr},
  };
  for (const auto& c : cases) {
    INFO(c.raw);
    auto id = normalize_app_id(c.raw);
    if (c.id != nullptr) {
      REQUIRE(std::holds_alternative<std::string>(id));
      CHECK(std::get<std::string>(id) == c.id);
    } else {
      REQUIRE(std::holds_alternative<ApiError>(id));
      CHECK(std::get<ApiError>(id).status == 422);
      CHECK(std::get<ApiError>(id).body == kIdError);
    }
  }
}

}  // namespace skylr::sim
