// The fast path of the Marathon parsers: it takes well-formed answers of both networking
// shapes and gives exactly what the reference readers give; it declines whatever the
// reference readers must judge, and parse_apps then answers as they do.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "marathon/answers.h"
#include "marathon/fast_parse.h"
#include "marathon/sample_answers.h"
#include "skylr/marathon.h"

namespace skylr::marathon {
namespace {

// Checks that the fast path takes `body` and agrees with the reference readers.
void check_taken(std::string_view body) {
  CAPTURE(body);
  auto fast = fast_parse_apps(body);
  auto reference = read_apps_answer(body);
  REQUIRE(fast.has_value());
  REQUIRE(reference.ok());
  CHECK(test::describe(*fast) == test::describe(*reference));
  CHECK(*fast == *reference);
}

// Checks that the fast path declines `body` and that parse_apps answers like the reference.
void check_declined(std::string_view body) {
  CAPTURE(body);
  CHECK_FALSE(fast_parse_apps(body).has_value());
  auto parsed = parse_apps(body);
  auto reference = read_apps_answer(body);
  REQUIRE(parsed.ok() == reference.ok());
  if (parsed.ok()) {
    CHECK(*parsed == *reference);
  } else {
    CHECK(parsed.error().message == reference.error().message);
  }
}

TEST_CASE("skylr::marathon::fast_parse_apps takes well-formed answers and agrees with the reference readers") {
  check_taken(test::read_marathon_data("apps-1.5.json"));
  check_taken(test::read_marathon_data("apps-legacy.json"));
  const std::string_view bodies[] = {
      R"({"apps":[]})",
      R"({"apps":[{"id":"grp//x/","instances":-3}],"extra":[1,{"apps":5}]})",
      // 1.5+ networking: "container" wins over "container/bridge", which wins over the rest.
      R"({"apps":[{"id":"/a","networks":[{"mode":"container/bridge"},{"mode":"container"}]}]})",
      R"({"apps":[{"id":"/a","networks":[{"mode":"container"},{"mode":"container/bridge"}]}]})",
      R"({"apps":[{"id":"/a","networks":[{"mode":"host"},{"mode":"container/bridge"}]}]})",
      R"({"apps":[{"id":"/a","networks":[{"name":"n1"}]}]})",
      R"({"apps":[{"id":"/a","networks":[]}]})",
      R"({"apps":[{"id":"/a","networks":[{"mode":"host"}],
          "container":{"docker":{"network":"BRIDGE"}},"ipAddress":{}}]})",
      // Older networking, and container ports from the first list that has any.
      R"({"apps":[{"id":"/a","container":{"docker":{"network":"BRIDGE"}}}]})",
      R"({"apps":[{"id":"/a","container":{"docker":{"network":"USER"}}}]})",
      R"({"apps":[{"id":"/a","ipAddress":{}}]})",
      R"({"apps":[{"id":"/a","ipAddress":{"discovery":{"ports":[{"number":81},{"name":"x"}]}},
          "container":{"docker":{"portMappings":[{"containerPort":9}]}}}]})",
      R"({"apps":[{"id":"/a","container":{"portMappings":[],
          "docker":{"portMappings":[{"containerPort":2},{"containerPort":null}]}}}]})",
      R"({"apps":[{"id":"/a","container":{"portMappings":[{"containerPort":1}],
          "docker":{"portMappings":[{"containerPort":2}]}}}]})",
      // Service ports from the first list that has any.
      R"({"apps":[{"id":"/a","portDefinitions":[{"port":10000},{"name":"x","port":null}],"ports":[5],
          "container":{"portMappings":[{"containerPort":80,"servicePort":9}]}}]})",
      R"({"apps":[{"id":"/a","portDefinitions":[],"ports":[5],
          "container":{"portMappings":[{"containerPort":80,"servicePort":10001},{"containerPort":81}]}}]})",
      R"({"apps":[{"id":"/a","ports":[10000],"container":{"docker":{"network":"BRIDGE",
          "portMappings":[{"containerPort":3000,"servicePort":10000}]}}}]})",
      R"({"apps":[{"id":"/a","container":{"portMappings":[],"docker":{"portMappings":[{"servicePort":7}]}}}]})",
      R"({"apps":[{"id":"/a","ipAddress":{"discovery":{"ports":[{"number":81}]}},"ports":[10005,0,65535]}]})",
      R"({"apps":[{"id":"/a","portDefinitions":null,"ports":null}]})",
      // Health checks: defaults, nulls, bounds, fixed ports, unknown protocols and fields.
      R"({"apps":[{"id":"/a","healthChecks":[]},{"id":"/b","healthChecks":[{}]}]})",
      R"({"apps":[{"id":"/a","healthChecks":[{"protocol":null,"portIndex":null,"port":null,"path":null,
          "intervalSeconds":null,"timeoutSeconds":null,"maxConsecutiveFailures":null}]}]})",
      R"({"apps":[{"id":"/a","healthChecks":[{"protocol":"MESOS_HTTPS","portIndex":1023,"path":"/h",
          "intervalSeconds":0,"timeoutSeconds":86400,"maxConsecutiveFailures":1000000,
          "gracePeriodSeconds":"x","command":{"value":"true","port":[]},"ignoreHttp1xx":7}]}]})",
      R"({"apps":[{"id":"/a","healthChecks":[{"protocol":"MESOS_TCP","port":0},
          {"protocol":"TCP","port":65535,"portIndex":3},{"protocol":"SOMETHING_NEW_012345678901234567"}]}]})",
      // Nulls are absent values; labels keep the first of a repeated key.
      R"({"apps":[{"id":"/a","instances":null,"labels":null,"tasks":null,"container":null,
          "networks":null,"ipAddress":null}]})",
      R"({"apps":[{"id":"/a","labels":{"b":"2","a":"1","b":"3","":""}}]})",
      // Tasks with every field, defaults, and values of any type where nothing is read.
      R"({"apps":[{"id":"/a","instances":2,"tasks":[
          {"id":"a.1","appId":"a","host":"h1","ports":[31000,0,65535],"state":"TASK_RUNNING",
           "startedAt":"2024-01-01T00:00:00Z","ipAddresses":[{"ipAddress":"10.0.0.1","protocol":"IPv4"},
           {"ipAddress":"fd00::1"}],"healthCheckResults":[{"alive":true},{"alive":false,"x":[]}]},
          {"id":"a.2","host":null,"ports":null,"state":null,"startedAt":null,"version":1e300,
           "big":18446744073709551615,"neg":-9223372036854775808,"obj":{"id":{"id":[]}}}]}]})",
  };
  for (std::string_view body : bodies) check_taken(body);
}

TEST_CASE("skylr::marathon::fast_parse_apps declines what the reference readers must judge") {
  const std::string_view bodies[] = {
      "",
      "{\"apps\":[]} []",
      R"({"apps":[{"id":"/a"}])",
      R"([])",
      R"({"other":[]})",
      R"({"apps":null})",
      R"({"apps":{}})",
      R"({"apps":[],"apps":[]})",
      R"({"apps":[null]})",
      R"({"apps":[{"instances":1}]})",
      R"({"apps":[{"id":null}]})",
      R"({"apps":[{"id":"/a","id":"/b"}]})",
      R"({"apps":[{"id":5}]})",
      R"({"apps":[{"id":"/a","instances":1.0}]})",
      R"({"apps":[{"id":"/a","instances":4294967296}]})",
      R"({"apps":[{"id":"/a","labels":{"a":1}}]})",
      R"({"apps":[{"id":"/a","labels":{"a":null}}]})",
      R"({"apps":[{"id":"/a","tasks":[{"host":"h"}]}]})",
      R"({"apps":[{"id":"/a","tasks":[{"id":"t","ports":[65536]}]}]})",
      R"({"apps":[{"id":"/a","tasks":[{"id":"t","ports":[null]}]}]})",
      R"({"apps":[{"id":"/a","tasks":[{"id":"t","ipAddresses":[{"protocol":"IPv4"}]}]}]})",
      R"({"apps":[{"id":"/a","tasks":[{"id":"t","healthCheckResults":[{}]}]}]})",
      R"({"apps":[{"id":"/a","tasks":[{"id":"t","startedAt":true}]}]})",
      R"({"apps":[{"id":"/a","networks":[{"mode":1}]}]})",
      R"({"apps":[{"id":"/a","container":{"portMappings":[{"containerPort":-1}]}}]})",
      R"({"apps":[{"id":"/a","container":{"portMappings":[{"servicePort":65536}]}}]})",
      R"({"apps":[{"id":"/a","container":{"docker":{"portMappings":[{"servicePort":"1"}]}}}]})",
      R"({"apps":[{"id":"/a","portDefinitions":{}}]})",
      R"({"apps":[{"id":"/a","portDefinitions":[null]}]})",
      R"({"apps":[{"id":"/a","portDefinitions":[{"port":-1}]}]})",
      R"({"apps":[{"id":"/a","ports":[1,null]}]})",
      R"({"apps":[{"id":"/a","ports":[{"port":1}]}]})",
      R"({"apps":[{"id":"/a","ports":"1"}]})",
      R"({"apps":[{"id":"/a","healthChecks":{}}]})",
      R"({"apps":[{"id":"/a","healthChecks":[null]}]})",
      R"({"apps":[{"id":"/a","healthChecks":[[]]}]})",
      R"({"apps":[{"id":"/a","healthChecks":[{"protocol":"TCP","protocol":"HTTP"}]}]})",
      R"({"apps":[{"id":"/a","healthChecks":[{"protocol":"SOMETHING_NEW_0123456789012345678"}]}]})",
      R"({"apps":[{"id":"/a","healthChecks":[{"protocol":1}]}]})",
      R"({"apps":[{"id":"/a","healthChecks":[{"path":true}]}]})",
      R"({"apps":[{"id":"/a","healthChecks":[{"portIndex":1024}]}]})",
      R"({"apps":[{"id":"/a","healthChecks":[{"port":65536}]}]})",
      R"({"apps":[{"id":"/a","healthChecks":[{"intervalSeconds":86401}]}]})",
      R"({"apps":[{"id":"/a","healthChecks":[{"timeoutSeconds":-1}]}]})",
      R"({"apps":[{"id":"/a","healthChecks":[{"maxConsecutiveFailures":1e3}]}]})",
      R"({"apps":[{"id":"/a","healthChecks":[{"maxConsecutiveFailures":1000001}]}]})",
      // The reference readers accept these (the bad values are never read), so parse_apps does.
      R"({"apps":[{"id":"/a","networks":[],"container":{"docker":{"network":5}}}]})",
      R"({"apps":[{"id":"/a","container":{"portMappings":[{"containerPort":1}],
          "docker":{"portMappings":"none"}}}]})",
      R"({"apps":[{"id":"/a","portDefinitions":[{"port":1}],"ports":["x"]}]})",
  };
  for (std::string_view body : bodies) check_declined(body);
}

// Any one byte of a sample answer replaced by another token: where the fast path takes the
// result, the reference readers give the same apps.
TEST_CASE("skylr::marathon::fast_parse_apps agrees with the reference readers on mutated answers") {
  for (const char* name : {"apps-1.5.json", "apps-legacy.json"}) {
    const std::string body = test::read_marathon_data(name);
    std::size_t taken = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
      for (char replacement : {'"', '1', '-', '[', '{', 'n', '}'}) {
        std::string mutated = body;
        mutated[i] = replacement;
        auto fast = fast_parse_apps(mutated);
        if (!fast) continue;
        ++taken;
        auto reference = read_apps_answer(mutated);
        CAPTURE(mutated);
        REQUIRE(reference.ok());
        CHECK(*fast == *reference);
      }
    }
    CHECK(taken > body.size());  // the comparison saw many answers, not only refusals
  }
}

TEST_CASE("skylr::marathon::fast_parse_apps with tasks required declines apps without tasks") {
  const std::string_view taken = R"({"apps":[{"id":"/a","tasks":[{"id":"a.1","ports":[1]}]},{"id":"/b","tasks":[]}]})";
  auto fast = fast_parse_apps(taken, TasksMember::kRequired);
  REQUIRE(fast.has_value());
  CHECK(*fast == *read_apps_with_tasks_answer(taken));
  CHECK(*fast == *read_apps_answer(taken));
  for (std::string_view declined : {R"({"apps":[{"id":"/a"}]})", R"({"apps":[{"id":"/a","tasks":null}]})",
                                    R"({"apps":[{"id":"/a","tasks":[]},{"id":"/b","instances":1}]})"}) {
    CAPTURE(declined);
    CHECK(fast_parse_apps(declined).has_value());
    CHECK_FALSE(fast_parse_apps(declined, TasksMember::kRequired).has_value());
    auto parsed = parse_apps_with_tasks(declined);
    REQUIRE(parsed.ok());
    CHECK(*parsed == *read_apps_with_tasks_answer(declined));
    CHECK_FALSE(parsed->back().malformed.empty());
  }
}

TEST_CASE("skylr::marathon::fast_parse_app with tasks required declines an app without tasks") {
  const std::string_view taken = R"({"app":{"id":"/a","tasks":[{"id":"a.1","ports":[1]}]}})";
  auto fast = fast_parse_app(taken, TasksMember::kRequired);
  REQUIRE(fast.has_value());
  CHECK(*fast == *read_app_with_tasks_answer(taken));
  CHECK(*fast == *read_app_answer(taken));
  for (std::string_view declined : {R"({"app":{"id":"/a"}})", R"({"app":{"id":"/a","tasks":null}})"}) {
    CAPTURE(declined);
    CHECK(fast_parse_app(declined).has_value());
    CHECK_FALSE(fast_parse_app(declined, TasksMember::kRequired).has_value());
    auto parsed = parse_app_with_tasks(declined);
    REQUIRE(parsed.ok());
    CHECK(*parsed == *read_app_with_tasks_answer(declined));
    CHECK_FALSE(parsed->malformed.empty());
  }
}

TEST_CASE("skylr::marathon::fast_parse_app and skylr::fast_parse_tasks agree with the reference readers") {
  std::string_view app_body = R"({"app":{"id":"/a","tasks":[{"id":"a.1","host":"h","ports":[1]}]}})";
  auto app = fast_parse_app(app_body);
  REQUIRE(app.has_value());
  CHECK(*app == *read_app_answer(app_body));
  CHECK_FALSE(fast_parse_app(R"({"app":{"id":"/a"},"app":{"id":"/b"}})").has_value());
  CHECK_FALSE(fast_parse_app(R"({"app":[]})").has_value());

  std::string_view tasks_body = R"({"tasks":[{"id":"a.1","appId":"/a","host":"h","ports":[1,2]},
                                     {"id":"b.1","appId":"b"}]})";
  auto tasks = fast_parse_tasks(tasks_body);
  REQUIRE(tasks.has_value());
  CHECK(*tasks == *read_tasks_answer(tasks_body));
  CHECK_FALSE(fast_parse_tasks(R"({"tasks":[{"id":"a.1","ports":["1"]}]})").has_value());
}

}  // namespace
}  // namespace skylr::marathon
