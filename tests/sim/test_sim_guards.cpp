#include <doctest/doctest.h>

#include "sim_fixture.h"

namespace skylr::sim::testing {

TEST_CASE("skylr::sim::SimServer basic auth") {
  auto options = test_options();
  options.credentials = "alice:s3cret";
  RunningSim sim(options);
  auto client = sim.client();

  auto denied = client.Get("/v2/apps");
  REQUIRE(denied);
  CHECK(denied->status == 401);
  CHECK(denied->body == R"({"message":"Invalid username or password."})");
  CHECK(denied->get_header_value("WWW-Authenticate") == R"(Basic realm="Mesosphere Marathon")");

  client.set_basic_auth("alice", "wrong");
  CHECK(client.Get("/v2/apps")->status == 401);
  client.set_basic_auth("alice", "s3cret");
  CHECK(client.Get("/v2/apps")->status == 200);
  CHECK(client.Put("/v2/apps/web", "{}", "application/json")->status == 201);

  httplib::Client anonymous("127.0.0.1", sim.port());
  auto ping = anonymous.Get("/ping");
  REQUIRE(ping);
  CHECK(ping->status == 200);
}

TEST_CASE("skylr::sim::SimServer leader control") {
  RunningSim sim;
  auto client = sim.client();
  SseReader events(sim.port(), "/v2/events");
  REQUIRE(events.wait_for("event_stream_attached"));

  REQUIRE(client.Post("/_sim/leader?available=false")->status == 200);
  CHECK(events.wait_ended());
  auto leader = client.Get("/v2/leader");
  REQUIRE(leader);
  CHECK(leader->status == 404);
  CHECK(leader->body == R"({"message":"There is no leader"})");
  auto apps = client.Get("/v2/apps");
  REQUIRE(apps);
  CHECK(apps->status == 503);
  CHECK_FALSE(apps->has_header("X-Marathon-Leader"));
  CHECK(client.Get("/ping")->status == 200);

  REQUIRE(client.Post("/_sim/leader?available=true")->status == 200);
  CHECK(client.Get("/v2/leader")->status == 200);
  auto back = client.Get("/v2/apps");
  REQUIRE(back);
  CHECK(back->status == 200);
  CHECK(back->has_header("X-Marathon-Leader"));
}

TEST_CASE("skylr::sim::setup_cli") {
  SUBCASE("options parse") {
    CLI::App app;
    SimOptions options;
    setup_cli(app, options);
    std::string apps = std::string(SIM_TEST_DATA_DIR) + "/apps.json";
    app.parse("--port 0 --apps " + apps + " --stage-ms 0 --heartbeat-ms 20 --launch --credentials a:b", false);
    CHECK(options.port == 0);
    CHECK(options.apps_file == apps);
    CHECK(options.stage_ms == 0);
    CHECK(options.heartbeat_ms == 20);
    CHECK(options.launch);
    CHECK(options.credentials == "a:b");
    CHECK(options.host == "127.0.0.1");
  }
  SUBCASE("defaults") {
    CLI::App app;
    SimOptions options;
    setup_cli(app, options);
    app.parse("", false);
    CHECK(options.port == 8080);
    CHECK(options.stage_ms == 200);
    CHECK(options.heartbeat_ms == 10000);
    CHECK_FALSE(options.launch);
    CHECK(app.help().find("POST /_sim/tasks/{taskId}/unhealthy") != std::string::npos);
  }
}

TEST_CASE("skylr::sim::check_options") {
  struct Case {
    const char* host;
    const char* credentials;
    const char* error;  // "" when fine
  };
  const Case cases[] = {
      {"127.0.0.1", "", ""},
      {"localhost", "u:p", ""},
      {"::1", "", ""},
      {"127.1.2.3", "", ""},
      {"0.0.0.0", "", "--host 0.0.0.0: marathon-sim only listens on loopback addresses"},
      {"10.0.0.1", "", "--host 10.0.0.1: marathon-sim only listens on loopback addresses"},
      {"127.0.0.1", "nocolon", "--credentials: expected user:pass"},
  };
  for (const auto& c : cases) {
    INFO(c.host);
    SimOptions options;
    options.host = c.host;
    options.credentials = c.credentials;
    auto status = check_options(options);
    CHECK(status.ok() == (*c.error == '\0'));
    if (!status.ok()) CHECK(status.error().message == c.error);
  }
}

TEST_CASE("skylr::sim::SimServer::load_apps") {
  SimServer server(test_options());
  struct Case {
    const char* json;
    const char* error;
  };
  const Case cases[] = {
      {"nope", "f.json: invalid JSON at offset 1: Invalid value."},
      {"[]", R"(f.json: expected an object {"apps":[...]})"},
      {R"({"apps":{}})", R"(f.json: {"message":"Invalid JSON","details":[{"path":"/apps","errors":["error.expected.jsarray"]}]})"},
      {R"({"apps":[{"instances":1}]})",
       R"(f.json: {"message":"Object is not valid","details":[{"path":"/id","errors":["error.path.missing"]}]})"},
      {R"({"apps":[{"id":"a"},{"id":"/a"}]})", R"(f.json: {"message":"An app with id [/a] already exists."})"},
  };
  for (const auto& c : cases) {
    INFO(c.json);
    auto status = server.load_apps(c.json, "f.json");
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().message == c.error);
  }
  CHECK(server.load_apps(read_data("apps.json"), "apps.json").ok());
}

}  // namespace skylr::sim::testing
