#include <doctest/doctest.h>

#include <map>
#include <regex>
#include <string>
#include <vector>

#include "sim_fixture.h"
#include "skylr/marathon.h"

namespace skylr::sim::testing {
namespace {

const std::regex kTimestamp(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");

// The apps of GET /v2/apps<query>.
rapidjson::Document get_apps(httplib::Client& client, const std::string& query) {
  auto res = client.Get(("/v2/apps" + query).c_str());
  REQUIRE(res);
  REQUIRE(res->status == 200);
  return parse(res->body);
}

const rapidjson::Value& app_named(const rapidjson::Document& list, const std::string& id) {
  for (const auto& app : at(list, "apps").GetArray()) {
    if (str(app, "id") == id) return app;
  }
  FAIL("no app " << id);
  return list;
}

}  // namespace

TEST_CASE("skylr::sim::SimServer reads") {
  RunningSim sim(test_options(), read_data("apps.json"));
  auto client = sim.client();

  SUBCASE("GET /v2/apps: every app with counts and deployments, tasks only when embedded") {
    auto res = client.Get("/v2/apps");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    CHECK(res->get_header_value("X-Marathon-Leader") == "http://127.0.0.1:" + std::to_string(sim.port()));
    auto list = parse(res->body);
    CHECK(ids(at(list, "apps")) == std::vector<std::string>{"/batch", "/shop/api", "/web"});
    const auto& web = app_named(list, "/web");
    CHECK(at(web, "instances").GetInt() == 2);
    CHECK(at(web, "tasksRunning").GetInt() == 2);
    CHECK(at(web, "tasksStaged").GetInt() == 0);
    CHECK(at(web, "tasksHealthy").GetInt() == 2);
    CHECK(at(web, "tasksUnhealthy").GetInt() == 0);
    CHECK(at(web, "deployments").Empty());
    CHECK(std::regex_match(str(web, "version"), kTimestamp));
    CHECK_FALSE(web.HasMember("tasks"));
    CHECK_FALSE(web.HasMember("readinessCheckResults"));
  }
  SUBCASE("embed accepts the prefixes apps., app. and none, and repeats") {
    for (const char* query : {"?embed=apps.tasks", "?embed=app.tasks", "?embed=tasks",
                              "?embed=apps.readiness&embed=apps.tasks"}) {
      INFO(query);
      auto list = get_apps(client, query);
      CHECK(at(app_named(list, "/web"), "tasks").Size() == 2);
      CHECK(at(app_named(list, "/batch"), "tasks").Empty());
    }
    auto list = get_apps(client, "?embed=apps.readiness&embed=apps.lastTaskFailure");
    CHECK(at(app_named(list, "/web"), "readinessCheckResults").Empty());
    CHECK_FALSE(app_named(list, "/web").HasMember("lastTaskFailure"));
  }
  SUBCASE("filters id, cmd and label") {
    struct Case {
      const char* query;
      std::vector<std::string> ids;
    };
    const Case cases[] = {
        {"?id=SHOP", {"/shop/api"}},
        {"?id=b", {"/batch", "/web"}},
        {"?cmd=SLEEP", {"/batch"}},
        {"?label=tier%3D%3Dback", {"/shop/api"}},
        {"?label=tier", {"/shop/api", "/web"}},
        {"?label=tier%20in%20(front,%20x)", {"/web"}},
        {"?label=tier%21%3Dback", {"/web"}},
        {"?label=tier&id=shop", {"/shop/api"}},
        {"?label=nope", {}},
    };
    for (const auto& c : cases) {
      INFO(c.query);
      CHECK(ids(at(get_apps(client, c.query), "apps")) == c.ids);
    }
    auto res = client.Get("/v2/apps?label=a%3D%3D%3Db");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(res->body == R"({"message":"Invalid label selector: a===b"})");
  }
  SUBCASE("GET /v2/apps/{id} of a nested id embeds everything") {
    auto res = client.Get("/v2/apps/shop/api");
    REQUIRE(res);
    CHECK(res->status == 200);
    auto doc = parse(res->body);
    const auto& app = at(doc, "app");
    CHECK(str(app, "id") == "/shop/api");
    CHECK(at(app, "tasksRunning").GetInt() == 1);
    CHECK(at(app, "deployments").Empty());
    CHECK(at(app, "readinessCheckResults").Empty());
    CHECK(str(at(app, "versionInfo"), "lastConfigChangeAt") == str(app, "version"));
    REQUIRE(at(app, "tasks").Size() == 1);
    const auto& task = at(app, "tasks")[0];
    CHECK(std::regex_match(str(task, "id"),
                           std::regex(R"(shop_api\.[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})")));
    CHECK(str(task, "appId") == "/shop/api");
    CHECK(str(task, "host") == "127.0.0.1");
    CHECK(str(task, "state") == "TASK_RUNNING");
    CHECK(std::regex_match(str(task, "startedAt"), kTimestamp));
    CHECK(at(task, "ports").Size() == 1);
    CHECK(at(task, "servicePorts")[0].GetInt() == 10500);
    CHECK(str(at(task, "ipAddresses")[0], "ipAddress") == "127.0.0.1");
    CHECK_FALSE(task.HasMember("healthCheckResults"));
  }
  SUBCASE("GET /v2/apps/{id}?embed=app.tasks, Skylr's read of one app: whole, with its tasks") {
    auto res = client.Get("/v2/apps/shop/api?embed=app.tasks");
    REQUIRE(res);
    CHECK(res->status == 200);
    auto app = skylr::parse_app_with_tasks(res->body);
    REQUIRE(app.ok());
    CHECK(app->id == "/shop/api");
    CHECK(app->malformed.empty());
    CHECK(app->instances == 1);
    REQUIRE(app->tasks.size() == 1);
    CHECK(app->tasks[0].state == "TASK_RUNNING");
    auto missing = client.Get("/v2/apps/shop/nope?embed=app.tasks");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(missing->body == R"({"message":"App '/shop/nope' does not exist"})");
  }
  SUBCASE("port definitions get service ports; tasks get one host port each and health results") {
    auto doc = parse(client.Get("/v2/apps/web")->body);
    const auto& app = at(doc, "app");
    CHECK(at(at(app, "portDefinitions")[0], "port").GetInt() == 10000);
    CHECK(at(at(app, "portDefinitions")[1], "port").GetInt() == 10001);
    for (const auto& task : at(app, "tasks").GetArray()) {
      CHECK(at(task, "ports").Size() == 2);
      const auto& health = at(task, "healthCheckResults");
      REQUIRE(health.Size() == 1);
      CHECK(at(health[0], "alive").GetBool());
      CHECK(str(health[0], "instanceId") == str(task, "id"));
    }
  }
  SUBCASE("Skylr reads labels, service ports and health checks from every app answer") {
    skylr::AppHealthCheck check;
    check.interval_seconds = 10;
    check.timeout_seconds = 2;
    auto check_web = [&](const skylr::App& web, std::size_t tasks) {
      CHECK(web.id == "/web");
      CHECK(web.malformed.empty());
      CHECK(web.labels == std::map<std::string, std::string>{{"HAPROXY_GROUP", "external"}, {"tier", "front"}});
      CHECK(web.service_ports == std::vector<int>{10000, 10001});
      CHECK(web.health_checks == std::vector<skylr::AppHealthCheck>{check});
      CHECK(web.tasks.size() == tasks);
    };
    for (const char* query : {"", "?embed=apps.tasks"}) {
      INFO(query);
      auto body = client.Get((std::string("/v2/apps") + query).c_str())->body;
      auto apps = *query == '\0' ? skylr::parse_apps(body) : skylr::parse_apps_with_tasks(body);
      REQUIRE(apps.ok());
      REQUIRE(apps->size() == 3);
      CHECK(apps->at(1).service_ports == std::vector<int>{10500});
      CHECK(apps->at(1).container_ports == std::vector<int>{8080});
      CHECK(apps->at(1).health_checks.empty());
      check_web(apps->at(2), *query == '\0' ? 0 : 2);
    }
    auto app = skylr::parse_app(client.Get("/v2/apps/web")->body);
    REQUIRE(app.ok());
    check_web(*app, 2);
    auto with_tasks = skylr::parse_app_with_tasks(client.Get("/v2/apps/web?embed=app.tasks")->body);
    REQUIRE(with_tasks.ok());
    check_web(*with_tasks, 2);
  }
  SUBCASE("unknown apps answer 404 with Marathon's message") {
    for (const char* path : {"/v2/apps/nope", "/v2/apps/grp/nope", "/v2/apps/grp/nope/tasks"}) {
      INFO(path);
      auto res = client.Get(path);
      REQUIRE(res);
      CHECK(res->status == 404);
      std::string id = std::string(path).substr(8);
      if (id.ends_with("/tasks")) id.resize(id.size() - 6);
      CHECK(res->body == R"({"message":"App ')" + id + R"(' does not exist"})");
    }
  }
  SUBCASE("GET /v2/apps/{id}/tasks and /v2/tasks with status") {
    CHECK(at(parse(client.Get("/v2/apps/web/tasks")->body), "tasks").Size() == 2);
    CHECK(at(parse(client.Get("/v2/tasks")->body), "tasks").Size() == 3);
    CHECK(at(parse(client.Get("/v2/tasks?status=running")->body), "tasks").Size() == 3);
    CHECK(at(parse(client.Get("/v2/tasks?status=staging")->body), "tasks").Empty());
  }
  SUBCASE("/ping, /v2/leader and unknown paths") {
    auto ping = client.Get("/ping");
    REQUIRE(ping);
    CHECK(ping->body == "pong");
    auto leader = client.Get("/v2/leader");
    REQUIRE(leader);
    CHECK(leader->body == R"({"leader":"127.0.0.1:)" + std::to_string(sim.port()) + R"("})");
    auto unknown = client.Get("/v2/bogus");
    REQUIRE(unknown);
    CHECK(unknown->status == 404);
    CHECK(unknown->body == R"({"message":"HTTP 404 Not Found"})");
  }
}

}  // namespace skylr::sim::testing
