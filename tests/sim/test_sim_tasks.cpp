#include <doctest/doctest.h>

#include "sim_fixture.h"

namespace skylr::sim::testing {
namespace {

int running(httplib::Client& client, const std::string& app) {
  return at(at(get_json(client, "/v2/apps" + app), "app"), "tasksRunning").GetInt();
}

}  // namespace

TEST_CASE("skylr::sim::SimServer kills tasks") {
  RunningSim sim(test_options(0), read_data("apps.json"));
  auto client = sim.client();
  auto web = task_ids(client, "/web");
  REQUIRE(web.size() == 2);

  SUBCASE("without scale Marathon replaces the killed task") {
    auto res = client.Delete(("/v2/apps/web/tasks/" + web[0]).c_str());
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(str(at(parse(res->body), "task"), "id") == web[0]);
    auto now = task_ids(client, "/web");
    CHECK(now.size() == 2);
    CHECK(std::find(now.begin(), now.end(), web[0]) == now.end());
    CHECK(eventually([&] { return running(client, "/web") == 2; }));
    CHECK(at(at(get_json(client, "/v2/apps/web"), "app"), "instances").GetInt() == 2);
  }
  SUBCASE("with scale=true instances drop and a deployment answers") {
    auto res = client.Delete(("/v2/apps/web/tasks/" + web[1] + "?scale=true").c_str());
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Marathon-Deployment-Id") == str(parse(res->body), "deploymentId"));
    CHECK(task_ids(client, "/web") == std::vector<std::string>{web[0]});
    CHECK(at(at(get_json(client, "/v2/apps/web"), "app"), "instances").GetInt() == 1);
  }
  SUBCASE("unknown task or app: 404") {
    auto res = client.Delete("/v2/apps/web/tasks/web.nope");
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(res->body == R"({"message":"Task 'web.nope' does not exist"})");
    auto app = client.Delete("/v2/apps/nope/tasks/x");
    REQUIRE(app);
    CHECK(app->status == 404);
    CHECK(app->body == R"({"message":"App '/nope' does not exist"})");
  }
  SUBCASE("DELETE /v2/apps/{id}/tasks kills them all") {
    auto res = client.Delete("/v2/apps/web/tasks");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(ids(at(parse(res->body), "tasks")) == web);
    CHECK(eventually([&] { return running(client, "/web") == 2; }));
  }
  SUBCASE("POST /v2/tasks/delete kills across apps; unknown ids are skipped") {
    auto api = task_ids(client, "/shop/api");
    std::string body = R"({"ids":[")" + web[0] + R"(",")" + api[0] + R"(","x.unknown"]})";
    auto res = client.Post("/v2/tasks/delete", body, "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(ids(at(parse(res->body), "tasks")) == std::vector<std::string>{web[0], api[0]});
    auto scaled = client.Post("/v2/tasks/delete?scale=true", R"({"ids":[")" + web[1] + R"("]})", "application/json");
    REQUIRE(scaled);
    CHECK(scaled->status == 200);
    CHECK(parse(scaled->body).HasMember("deploymentId"));
    CHECK(at(at(get_json(client, "/v2/apps/web"), "app"), "instances").GetInt() == 1);
  }
  SUBCASE("POST /v2/tasks/delete with a bad body: 400") {
    struct Case {
      const char* body;
      const char* answer;
    };
    const Case cases[] = {
        {"[]", R"({"message":"Invalid JSON","details":[{"path":"/","errors":["error.expected.jsobject"]}]})"},
        {"{}", R"({"message":"Invalid JSON","details":[{"path":"/ids","errors":["error.path.missing"]}]})"},
        {R"({"ids":"a"})", R"({"message":"Invalid JSON","details":[{"path":"/ids","errors":["error.expected.jsarray"]}]})"},
        {R"({"ids":["a",1]})",
         R"x({"message":"Invalid JSON","details":[{"path":"/ids(1)","errors":["error.expected.jsstring"]}]})x"},
    };
    for (const auto& c : cases) {
      INFO(c.body);
      auto res = client.Post("/v2/tasks/delete", c.body, "application/json");
      REQUIRE(res);
      CHECK(res->status == 400);
      CHECK(res->body == c.answer);
    }
  }
}

TEST_CASE("skylr::sim::SimServer health") {
  RunningSim sim(test_options(0), read_data("apps.json"));
  auto client = sim.client();
  auto web = task_ids(client, "/web");
  SseReader events(sim.port(), "/v2/events?event_type=health_status_changed_event");
  REQUIRE(events.wait_for("event_stream_attached"));

  SUBCASE("marking a task unhealthy changes its results and counts and emits an event") {
    auto res = client.Post(("/_sim/tasks/" + web[0] + "/unhealthy").c_str());
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(events.wait_for(R"("instanceId":")" + web[0] + R"(","taskId":")" + web[0]));
    CHECK(events.text().find(R"("alive":false)") != std::string::npos);
    auto app = get_json(client, "/v2/apps/web");
    CHECK(at(at(app, "app"), "tasksHealthy").GetInt() == 1);
    CHECK(at(at(app, "app"), "tasksUnhealthy").GetInt() == 1);
    for (const auto& task : at(at(app, "app"), "tasks").GetArray()) {
      const auto& result = at(task, "healthCheckResults")[0];
      CHECK(at(result, "alive").GetBool() == (str(task, "id") != web[0]));
    }
    CHECK(client.Post(("/_sim/tasks/" + web[0] + "/healthy").c_str())->status == 200);
    CHECK(events.wait_for(R"("alive":true)"));
    CHECK(at(at(get_json(client, "/v2/apps/web"), "app"), "tasksHealthy").GetInt() == 2);
  }
  SUBCASE("apps without health checks and unknown tasks are refused") {
    auto api = task_ids(client, "/shop/api");
    auto res = client.Post(("/_sim/tasks/" + api[0] + "/unhealthy").c_str());
    REQUIRE(res);
    CHECK(res->status == 409);
    CHECK(res->body == R"({"message":"App '/shop/api' has no health checks"})");
    auto unknown = client.Post("/_sim/tasks/web.nope/unhealthy");
    REQUIRE(unknown);
    CHECK(unknown->status == 404);
  }
}

TEST_CASE("skylr::sim::SimServer --launch") {
  auto options = test_options(0);
  options.launch = true;
  RunningSim sim(options, read_data("apps.json"));
  auto client = sim.client();
  auto doc = get_json(client, "/v2/apps/shop/api/tasks");
  const auto& task = at(doc, "tasks")[0];
  int port = at(task, "ports")[0].GetInt();
  httplib::Client task_client("127.0.0.1", port);
  task_client.set_connection_timeout(2, 0);
  auto res = task_client.Get("/");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->body == "/shop/api " + str(task, "id") + "\n");

  REQUIRE(client.Delete(("/v2/apps/shop/api/tasks/" + str(task, "id") + "?scale=true").c_str())->status == 200);
  httplib::Client after("127.0.0.1", port);
  after.set_connection_timeout(1, 0);
  CHECK_FALSE(after.Get("/"));
}

TEST_CASE("skylr::sim::SimServer launches the tasks of an app labelled MARATHON_SIM_LAUNCH") {
  RunningSim sim(test_options(0));
  auto client = sim.client();
  auto created = client.Put("/v2/apps/served", R"({"instances":1,"labels":{"MARATHON_SIM_LAUNCH":"true"}})",
                            "application/json");
  REQUIRE(created);
  REQUIRE(created->status == 201);
  REQUIRE(client.Put("/v2/apps/plain", R"({"instances":1})", "application/json")->status == 201);
  auto task_port = [&](const char* app) {
    auto doc = get_json(client, std::string("/v2/apps/") + app + "/tasks");
    return at(at(doc, "tasks")[0], "ports")[0].GetInt();
  };
  httplib::Client served("127.0.0.1", task_port("served"));
  served.set_connection_timeout(2, 0);
  auto res = served.Get("/");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->body.starts_with("/served "));
  httplib::Client plain("127.0.0.1", task_port("plain"));
  plain.set_connection_timeout(1, 0);
  CHECK_FALSE(plain.Get("/"));
}

}  // namespace skylr::sim::testing
