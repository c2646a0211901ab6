#include <doctest/doctest.h>

#include <algorithm>

#include "sim_fixture.h"

namespace skylr::sim::testing {
namespace {

std::vector<std::string> task_states(httplib::Client& client, const std::string& app) {
  auto doc = get_json(client, "/v2/apps" + app + "/tasks");
  std::vector<std::string> states;
  for (const auto& task : at(doc, "tasks").GetArray()) states.push_back(str(task, "state"));
  return states;
}

bool all_running(httplib::Client& client, const std::string& app, std::size_t count) {
  auto states = task_states(client, app);
  return states.size() == count && std::all_of(states.begin(), states.end(),
                                               [](const auto& state) { return state == "TASK_RUNNING"; });
}

bool no_deployments(httplib::Client& client) { return get_json(client, "/v2/deployments").Empty(); }

// PUTs `body` to /v2/apps<app><query> and checks the status.
rapidjson::Document put(httplib::Client& client, const std::string& app, const std::string& body, int status,
                        const std::string& query = "") {
  auto res = client.Put(("/v2/apps" + app + query).c_str(), body, "application/json");
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == status, res->body);
  return parse(res->body);
}

// Creates app `app` with `instances` and waits until its tasks run and no deployment is left.
void create_running(httplib::Client& client, const std::string& app, int instances) {
  put(client, app, R"({"instances":)" + std::to_string(instances) + "}", 201);
  REQUIRE(eventually([&] { return all_running(client, app, static_cast<std::size_t>(instances)); }));
  REQUIRE(eventually([&] { return no_deployments(client); }));
}

}  // namespace

TEST_CASE("skylr::sim::SimServer PUT creates and scales apps") {
  SUBCASE("create: 201, Location, deployment header; tasks stage, then run; the deployment ends") {
    RunningSim sim(test_options(400));
    auto client = sim.client();
    auto res = client.Put("/v2/apps/grp/web", R"({"instances":2,"labels":{"a":"b"}})", "application/json");
    REQUIRE(res);
    CHECK(res->status == 201);
    CHECK(res->get_header_value("Location") == "http://127.0.0.1:" + std::to_string(sim.port()) + "/v2/apps/grp/web");
    auto result = parse(res->body);
    CHECK(res->get_header_value("Marathon-Deployment-Id") == str(result, "deploymentId"));
    auto deployments = get_json(client, "/v2/deployments");
    REQUIRE(deployments.Size() == 1);
    const auto& deployment = deployments[0];
    CHECK(str(deployment, "id") == str(result, "deploymentId"));
    CHECK(str(deployment, "version") == str(result, "version"));
    CHECK(std::string(at(deployment, "affectedApps")[0].GetString()) == "/grp/web");
    CHECK(at(deployment, "totalSteps").GetInt() == 2);
    CHECK(str(at(at(deployment, "steps")[0], "actions")[0], "action") == "StartApplication");
    CHECK(str(at(at(deployment, "steps")[1], "actions")[0], "action") == "ScaleApplication");
    CHECK(ids(at(at(get_json(client, "/v2/apps/grp/web"), "app"), "deployments")) ==
          std::vector<std::string>{str(result, "deploymentId")});

    CHECK(task_states(client, "/grp/web") == std::vector<std::string>{"TASK_STAGING", "TASK_STAGING"});
    auto staging = get_json(client, "/v2/tasks?status=staging");
    REQUIRE(at(staging, "tasks").Size() == 2);
    CHECK_FALSE(at(staging, "tasks")[0].HasMember("startedAt"));
    CHECK(eventually([&] { return all_running(client, "/grp/web", 2); }));
    CHECK(at(get_json(client, "/v2/tasks"), "tasks")[0].HasMember("startedAt"));
    CHECK(eventually([&] { return no_deployments(client); }));
  }
  SUBCASE("scale up then down: 200, YOUNGEST_FIRST kills the newest tasks") {
    RunningSim sim(test_options(0));
    auto client = sim.client();
    create_running(client, "/web", 1);
    auto oldest = task_ids(client, "/web");
    put(client, "/web", R"({"instances":3})", 200);
    CHECK(eventually([&] { return all_running(client, "/web", 3); }));
    put(client, "/web", R"({"instances":1})", 200);
    CHECK(task_ids(client, "/web") == oldest);
    CHECK(eventually([&] { return no_deployments(client); }));
    auto app = get_json(client, "/v2/apps/web");
    CHECK(at(at(app, "app"), "instances").GetInt() == 1);
    CHECK(str(at(at(app, "app"), "versionInfo"), "lastScalingAt") == str(at(app, "app"), "version"));
  }
  SUBCASE("a config change replaces every task once the new ones run") {
    RunningSim sim(test_options(100));
    auto client = sim.client();
    create_running(client, "/web", 2);
    auto old_ids = task_ids(client, "/web");
    auto result = put(client, "/web", R"({"labels":{"v":"2"}})", 200);
    auto deployments = get_json(client, "/v2/deployments");
    REQUIRE(deployments.Size() == 1);
    CHECK(str(at(deployments[0], "currentActions")[0], "action") == "RestartApplication");
    CHECK(task_ids(client, "/web").size() == 4);  // old ones serve until the new ones run
    CHECK(eventually([&] { return no_deployments(client); }));
    auto new_ids = task_ids(client, "/web");
    CHECK(new_ids.size() == 2);
    for (const auto& id : new_ids) CHECK(std::find(old_ids.begin(), old_ids.end(), id) == old_ids.end());
    auto app = get_json(client, "/v2/apps/web");
    CHECK(str(at(at(app, "app"), "versionInfo"), "lastConfigChangeAt") == str(result, "version"));
    CHECK(str(at(at(app, "app"), "labels"), "v") == "2");
  }
}

TEST_CASE("skylr::sim::SimServer POST /v2/apps") {
  RunningSim sim(test_options(0));
  auto client = sim.client();

  SUBCASE("creates the app: 201, Location, deployment header, the new app with what it was given") {
    auto res = client.Post("/v2/apps",
                           R"({"id":"grp/web","instances":1,"labels":{"a":"b"},"portDefinitions":[{"port":0,"name":"http"}],)"
                           R"("healthChecks":[{"protocol":"HTTP","path":"/h","portIndex":0,"intervalSeconds":5}]})",
                           "application/json");
    REQUIRE(res);
    CHECK(res->status == 201);
    CHECK(res->get_header_value("Location") == "http://127.0.0.1:" + std::to_string(sim.port()) + "/v2/apps/grp/web");
    auto app = parse(res->body);
    CHECK(str(app, "id") == "/grp/web");
    CHECK(str(at(app, "labels"), "a") == "b");
    CHECK(at(at(app, "portDefinitions")[0], "port").GetInt() == 10000);
    CHECK(str(at(app, "healthChecks")[0], "path") == "/h");
    CHECK(at(app, "tasks").Empty());
    CHECK(at(app, "tasksRunning").GetInt() == 0);
    CHECK(ids(at(app, "deployments")) == std::vector<std::string>{res->get_header_value("Marathon-Deployment-Id")});
    CHECK(eventually([&] { return all_running(client, "/grp/web", 1); }));
    CHECK(eventually([&] { return no_deployments(client); }));
  }
  SUBCASE("an existing app: 409; no id: 422; invalid JSON: 400; nothing changes") {
    put(client, "/web", R"({"instances":0})", 201);
    struct Case {
      const char* body;
      int status;
      const char* answer;
    };
    const Case cases[] = {
        {R"({"id":"/web","instances":1})", 409, R"({"message":"An app with id [/web] already exists."})"},
        {R"({"instances":1})", 422,
         R"({"message":"Object is not valid","details":[{"path":"/id","errors":["error.path.missing"]}]})"},
        {R"({"id":"/Web"})", 422, nullptr},
        {R"({"id":"/other","labels":[]})", 400,
         R"({"message":"Invalid JSON","details":[{"path":"/labels","errors":["error.expected.jsobject"]}]})"},
    };
    for (const auto& c : cases) {
      INFO(c.body);
      auto res = client.Post("/v2/apps", c.body, "application/json");
      REQUIRE(res);
      CHECK(res->status == c.status);
      if (c.answer != nullptr) CHECK(res->body == c.answer);
    }
    CHECK(ids(at(get_json(client, "/v2/apps"), "apps")) == std::vector<std::string>{"/web"});
    CHECK(at(at(get_json(client, "/v2/apps/web"), "app"), "instances").GetInt() == 0);
  }
}

TEST_CASE("skylr::sim::SimServer service ports: assigned from 10000 up, never one an app asked for") {
  RunningSim sim(test_options(0));
  auto client = sim.client();
  put(client, "/fixed", R"({"instances":0,"portDefinitions":[{"port":10001},{"port":0}]})", 201);
  put(client, "/auto", R"({"instances":0,"container":{"portMappings":[{"containerPort":80},{"containerPort":81}]}})", 201);
  auto fixed = get_json(client, "/v2/apps/fixed");
  CHECK(at(at(at(fixed, "app"), "portDefinitions")[0], "port").GetInt() == 10001);
  CHECK(at(at(at(fixed, "app"), "portDefinitions")[1], "port").GetInt() == 10000);
  auto automatic = get_json(client, "/v2/apps/auto");
  const auto& mappings = at(at(at(automatic, "app"), "container"), "portMappings");
  CHECK(at(mappings[0], "servicePort").GetInt() == 10002);
  CHECK(at(mappings[1], "servicePort").GetInt() == 10003);
}

TEST_CASE("skylr::sim::SimServer deployment locks") {
  RunningSim sim(test_options(3000));
  auto client = sim.client();
  auto first = put(client, "/web", R"({"instances":1})", 201);
  std::string first_id = str(first, "deploymentId");
  std::string locked = R"({"message":"App is locked by one or more deployments. Override with the option )"
                       R"('?force=true'. View details at '/v2/deployments/)" +
                       first_id + R"('.","deployments":[{"id":")" + first_id + R"("}]})";

  SUBCASE("PUT, PATCH, DELETE and scaling kills answer 409 while the deployment runs") {
    auto res = client.Put("/v2/apps/web", R"({"instances":2})", "application/json");
    REQUIRE(res);
    CHECK(res->status == 409);
    CHECK(res->body == locked);
    auto patch = client.Patch("/v2/apps/web", R"({"instances":2})", "application/json");
    REQUIRE(patch);
    CHECK(patch->status == 409);
    auto del = client.Delete("/v2/apps/web");
    REQUIRE(del);
    CHECK(del->status == 409);
    auto task = task_ids(client, "/web").front();
    auto kill = client.Delete(("/v2/apps/web/tasks/" + task + "?scale=true").c_str());
    REQUIRE(kill);
    CHECK(kill->status == 409);
    CHECK(kill->body == locked);
  }
  SUBCASE("force=true replaces the running deployment, which fails") {
    SseReader events(sim.port(), "/v2/events?event_type=deployment_failed");
    REQUIRE(events.wait_for("event_stream_attached"));
    auto forced = put(client, "/web", R"({"instances":2})", 200, "?force=true");
    CHECK(events.wait_for(R"("eventType":"deployment_failed")"));
    CHECK(events.text().find(R"("id":")" + first_id + R"(","plan":{"id":")" + first_id) != std::string::npos);
    auto deployments = get_json(client, "/v2/deployments");
    CHECK(ids(deployments) == std::vector<std::string>{str(forced, "deploymentId")});
    CHECK(str(forced, "deploymentId") != first_id);
    CHECK(task_ids(client, "/web").size() == 2);
  }
}

TEST_CASE("skylr::sim::SimServer PATCH, DELETE and invalid writes") {
  RunningSim sim(test_options(0));
  auto client = sim.client();

  SUBCASE("PATCH of a missing app: 404, nothing created") {
    auto res = client.Patch("/v2/apps/nope", R"({"instances":1})", "application/json");
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(res->body == R"({"message":"App '/nope' does not exist"})");
    CHECK(client.Get("/v2/apps/nope")->status == 404);
  }
  SUBCASE("PATCH changes only the given fields") {
    put(client, "/web", R"({"instances":1,"labels":{"a":"b"},"cmd":"run"})", 201);
    REQUIRE(eventually([&] { return no_deployments(client); }));
    auto res = client.Patch("/v2/apps/web", R"({"instances":2})", "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK_FALSE(res->get_header_value("Marathon-Deployment-Id").empty());
    auto app = get_json(client, "/v2/apps/web");
    CHECK(at(at(app, "app"), "instances").GetInt() == 2);
    CHECK(str(at(at(app, "app"), "labels"), "a") == "b");
    CHECK(str(at(app, "app"), "cmd") == "run");
  }
  SUBCASE("400 for bodies of the wrong shape, 422 for invalid values, nothing changes") {
    put(client, "/web", R"({"instances":1})", 201);
    struct Case {
      const char* path;
      const char* body;
      int status;
    };
    const Case cases[] = {
        {"/v2/apps/web", "{not json", 400},
        {"/v2/apps/web", R"({"labels":[]})", 400},
        {"/v2/apps/web", R"({"instances":-1})", 422},
        {"/v2/apps/web", R"({"instances":2.5})", 422},
        {"/v2/apps/web", R"({"cpus":"lots"})", 422},
        {"/v2/apps/Web", R"({"instances":1})", 422},
    };
    for (const auto& c : cases) {
      INFO(c.body);
      auto res = client.Put(c.path, c.body, "application/json");
      REQUIRE(res);
      CHECK(res->status == c.status);
      CHECK(res->body.find(c.status == 400 ? R"("message":"Invalid JSON")" : R"("message":"Object is not valid")") !=
            std::string::npos);
    }
    auto res = client.Put("/v2/apps/web", R"({"instances":-1})", "application/json");
    CHECK(res->body ==
          R"({"message":"Object is not valid","details":[{"path":"/instances","errors":["got -1, expected 0 or more"]}]})");
    CHECK(at(at(get_json(client, "/v2/apps/web"), "app"), "instances").GetInt() == 1);
  }
  SUBCASE("DELETE removes the app and kills its tasks") {
    create_running(client, "/web", 2);
    auto res = client.Delete("/v2/apps/web");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Marathon-Deployment-Id") == str(parse(res->body), "deploymentId"));
    CHECK(client.Get("/v2/apps/web")->status == 404);
    CHECK(at(get_json(client, "/v2/tasks"), "tasks").Empty());
    CHECK(client.Delete("/v2/apps/web")->status == 404);
    CHECK(eventually([&] { return no_deployments(client); }));
  }
}

}  // namespace skylr::sim::testing
