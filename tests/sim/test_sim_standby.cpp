// The standby master (--standby-of): a StandbyServer in-process in front of a simulator,
// forwarding reads, writes and event streams, leading while the primary has no leader.
#include <doctest/doctest.h>

#include "sim_fixture.h"

namespace skylr::sim::testing {
namespace {

// The ids of the tasks GET /v2/tasks lists.
std::vector<std::string> all_task_ids(httplib::Client& client) {
  return ids(at(get_json(client, "/v2/tasks"), "tasks"));
}

}  // namespace

TEST_CASE("skylr::sim::StandbyServer forwards reads and writes to the primary") {
  RunningSim primary(test_options(), read_data("apps.json"));
  RunningStandby standby(primary.port());
  auto direct = primary.client();
  auto through = standby.client();

  CHECK(all_task_ids(through) == all_task_ids(direct));
  auto apps = through.Get("/v2/apps?embed=apps.tasks");
  REQUIRE(apps);
  CHECK(apps->status == 200);
  CHECK(apps->get_header_value("Content-Type") == "application/json");
  CHECK(apps->get_header_value("X-Marathon-Leader") == "http://127.0.0.1:" + std::to_string(primary.port()));
  CHECK(ids(at(parse(apps->body), "apps")) == std::vector<std::string>{"/batch", "/shop/api", "/web"});

  auto put = through.Put("/v2/apps/web?force=true", R"({"instances":3})", "application/json");
  REQUIRE(put);
  CHECK(put->status == 200);
  CHECK(put->has_header("Marathon-Deployment-Id"));
  CHECK(eventually([&] { return task_ids(direct, "/web").size() == 3; }));

  auto missing = through.Get("/v2/apps/nope");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(missing->body == R"({"message":"App '/nope' does not exist"})");
}

TEST_CASE("skylr::sim::StandbyServer leads while the primary has no leader") {
  RunningSim primary(test_options(), read_data("apps.json"));
  RunningStandby standby(primary.port());
  auto direct = primary.client();
  auto through = standby.client();
  std::string standby_address = "127.0.0.1:" + std::to_string(standby.port());

  auto leader = through.Get("/v2/leader");
  REQUIRE(leader);
  CHECK(leader->body == R"({"leader":"127.0.0.1:)" + std::to_string(primary.port()) + R"("})");

  REQUIRE(direct.Post("/_sim/leader?available=false")->status == 200);
  CHECK(direct.Get("/v2/tasks")->status == 503);
  auto tasks = through.Get("/v2/tasks");
  REQUIRE(tasks);
  CHECK(tasks->status == 200);
  CHECK(tasks->get_header_value("X-Marathon-Leader") == "http://" + standby_address);
  CHECK(through.Get("/v2/leader")->body == R"({"leader":")" + standby_address + R"("})");
  auto kill = through.Delete("/v2/apps/web/tasks/" + task_ids(through, "/web").front());
  REQUIRE(kill);
  CHECK(kill->status == 200);

  REQUIRE(direct.Post("/_sim/leader?available=true")->status == 200);
  CHECK(through.Get("/v2/leader")->body == R"({"leader":"127.0.0.1:)" + std::to_string(primary.port()) + R"("})");
}

TEST_CASE("skylr::sim::StandbyServer relays the event stream") {
  RunningSim primary(test_options(), read_data("apps.json"));
  RunningStandby standby(primary.port());
  auto direct = primary.client();

  SseReader events(standby.port(), "/v2/events");
  REQUIRE(events.wait_for("event: event_stream_attached"));
  REQUIRE(direct.Put("/v2/apps/web?force=true", R"({"instances":4})", "application/json")->status == 200);
  CHECK(events.wait_for("event: status_update_event"));
  CHECK(events.wait_for("\r\n\r\n"));

  REQUIRE(direct.Post("/_sim/events/stream/close")->status == 200);
  CHECK(events.wait_ended());

  SseReader refused(standby.port(), "/v2/events", {{"Accept", "application/json"}});
  CHECK(refused.wait_for(R"({"message":"HTTP 405 Method Not Allowed"})"));
}

TEST_CASE("skylr::sim::StandbyServer without a primary") {
  int nothing = 0;
  {
    RunningSim gone;
    nothing = gone.port();
  }
  RunningStandby standby(nothing);
  auto through = standby.client();
  auto apps = through.Get("/v2/apps");
  REQUIRE(apps);
  CHECK(apps->status == 503);
  CHECK(apps->body.find("the primary 127.0.0.1:" + std::to_string(nothing) + " cannot be reached") !=
        std::string::npos);
  CHECK(through.Get("/ping")->body == "pong");
  auto leader = through.Get("/v2/leader");
  REQUIRE(leader);
  CHECK(leader->body == R"({"leader":"127.0.0.1:)" + std::to_string(standby.port()) + R"("})");
}

TEST_CASE("skylr::sim::check_options of a standby") {
  struct Case {
    const char* standby_of;
    bool launch;
    const char* error;  // "" when fine
  };
  const Case cases[] = {
      {"127.0.0.1:8080", false, ""},
      {"localhost:1", false, ""},
      {"127.0.0.1:8080", true, "--standby-of: a standby has no apps or tasks of its own (no --apps, --launch)"},
      {"10.0.0.1:8080", false, "--standby-of 10.0.0.1:8080: expected a loopback HOST:PORT"},
      {"127.0.0.1", false, "--standby-of 127.0.0.1: expected a loopback HOST:PORT"},
      {"127.0.0.1:0", false, "--standby-of 127.0.0.1:0: expected a loopback HOST:PORT"},
  };
  for (const auto& c : cases) {
    INFO(c.standby_of);
    SimOptions options;
    options.standby_of = c.standby_of;
    options.launch = c.launch;
    auto status = check_options(options);
    CHECK(status.ok() == (*c.error == '\0'));
    if (!status.ok()) CHECK(status.error().message == c.error);
  }
  CLI::App app;
  SimOptions parsed;
  setup_cli(app, parsed);
  app.parse("--port 0 --standby-of 127.0.0.1:4321", false);
  CHECK(parsed.standby_of == "127.0.0.1:4321");
}

}  // namespace skylr::sim::testing
