#include <doctest/doctest.h>

#include "app_definition.h"
#include "json_out.h"
#include "sim_fixture.h"

namespace skylr::sim {
namespace {

std::string text(const rapidjson::Value& value) {
  return write_json([&](JsonWriter& out) { value.Accept(out); });
}

// A definition for `id` with `update` merged and ports completed from 10000 up.
rapidjson::Document completed(const char* update) {
  auto definition = new_app_definition("/x");
  merge_app_update(definition, testing::parse(update));
  int next = 10000;
  complete_ports(definition, [&] { return next++; });
  return definition;
}

}  // namespace

TEST_CASE("skylr::sim::new_app_definition") {
  CHECK(text(new_app_definition("/grp/web")) ==
        R"({"id":"/grp/web","instances":1,"cpus":1.0,"mem":128.0,"disk":0.0,"env":{},"labels":{},)"
        R"("healthChecks":[],"killSelection":"YOUNGEST_FIRST"})");
}

TEST_CASE("skylr::sim::merge_app_update") {
  auto definition = new_app_definition("/x");
  merge_app_update(definition, testing::parse(R"({"id":"/other","mem":64,"version":"v","tasks":[],"cmd":"c"})"));
  CHECK(text(definition) ==
        R"({"id":"/x","instances":1,"cpus":1.0,"mem":64,"disk":0.0,"env":{},"labels":{},)"
        R"("healthChecks":[],"killSelection":"YOUNGEST_FIRST","cmd":"c"})");
}

TEST_CASE("skylr::sim::complete_ports") {
  struct Case {
    const char* update;
    std::vector<int> service_ports;
    std::size_t port_count;
  };
  const Case cases[] = {
      {"{}", {10000}, 1},
      {R"({"portDefinitions":[{"port":0},{"port":9000},{"name":"x"}]})", {10000, 9000, 10001}, 3},
      {R"({"portDefinitions":[]})", {}, 1},
      {R"({"container":{"portMappings":[{"containerPort":80,"servicePort":10500},{"containerPort":81}]}})",
       {10500, 10000}, 2},
      {R"({"container":{"docker":{"portMappings":[{"containerPort":80,"servicePort":0}]}}})", {10000}, 1},
      {R"({"ports":[8080,8081]})", {8080, 8081}, 2},
      // The first list that has any decides, as Skylr reads them.
      {R"({"portDefinitions":[],"container":{"portMappings":[{"containerPort":80}]}})", {10000}, 1},
      {R"({"container":{"portMappings":[],"docker":{"portMappings":[{"servicePort":9},{"servicePort":0}]}}})",
       {9, 10000}, 2},
      {R"({"portDefinitions":[],"ports":[8080]})", {8080}, 1},
  };
  for (const auto& c : cases) {
    INFO(c.update);
    auto definition = completed(c.update);
    CHECK(app_service_ports(definition) == c.service_ports);
    CHECK(app_port_count(definition) == c.port_count);
  }
  SUBCASE("the default port definition") {
    auto definition = completed("{}");
    CHECK(text(definition["portDefinitions"]) == R"([{"port":10000,"protocol":"tcp","name":"default","labels":{}}])");
  }
}

TEST_CASE("skylr::sim::same_config") {
  auto base = completed(R"({"instances":2,"labels":{"a":"b"}})");
  CHECK(same_config(base, completed(R"({"instances":5,"labels":{"a":"b"}})")));
  CHECK_FALSE(same_config(base, completed(R"({"instances":2,"labels":{"a":"c"}})")));
  set_app_instances(base, 7);
  CHECK(app_instances(base) == 7);
  CHECK(has_health_checks(completed(R"({"healthChecks":[{"protocol":"TCP"}]})")));
  CHECK_FALSE(has_health_checks(base));
}

TEST_CASE("skylr::sim::launch_requested") {
  CHECK(launch_requested(completed(R"({"labels":{"MARATHON_SIM_LAUNCH":"true"}})")));
  CHECK_FALSE(launch_requested(completed(R"({"labels":{"MARATHON_SIM_LAUNCH":"false"}})")));
  CHECK_FALSE(launch_requested(completed(R"({"labels":{"other":"true"}})")));
  CHECK_FALSE(launch_requested(completed("{}")));
}

}  // namespace skylr::sim
