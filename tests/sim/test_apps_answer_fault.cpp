// The simulator-only fault of GET /v2/apps answers (POST /_sim/answers/apps): an empty list
// or an app without its tasks, for as many answers as asked, then the truth again; through
// a standby too.
#include <doctest/doctest.h>

#include "sim_fixture.h"

namespace skylr::sim::testing {
namespace {

constexpr const char* kApps = "/v2/apps?embed=apps.tasks";

// The ids of the apps in `client`'s next GET /v2/apps?embed=apps.tasks.
std::vector<std::string> app_ids(httplib::Client& client) { return ids(at(get_json(client, kApps), "apps")); }

// The `tasks` member of app `id` in the next answer: "missing", "null", or "<n> tasks".
std::string tasks_of(httplib::Client& client, const std::string& id) {
  rapidjson::Document answer = get_json(client, kApps);
  for (const auto& app : at(answer, "apps").GetArray()) {
    if (str(app, "id") != id) continue;
    if (!app.HasMember("tasks")) return "missing";
    if (app["tasks"].IsNull()) return "null";
    return std::to_string(app["tasks"].Size()) + " tasks";
  }
  return "no app";
}

// POSTs the fault `query`; the answer's status.
int set_fault(httplib::Client& client, const std::string& query) {
  auto res = client.Post(("/_sim/answers/apps?" + query).c_str());
  REQUIRE(res);
  return res->status;
}

}  // namespace

TEST_CASE("skylr::sim::AppsAnswerFault") {
  RunningSim sim(test_options(), read_data("apps.json"));
  auto client = sim.client();
  const std::vector<std::string> all = {"/batch", "/shop/api", "/web"};
  REQUIRE(app_ids(client) == all);

  SUBCASE("an empty list once, then the truth") {
    REQUIRE(set_fault(client, "fault=empty") == 200);
    CHECK(app_ids(client).empty());
    CHECK(app_ids(client) == all);
  }
  SUBCASE("an app without tasks, twice") {
    REQUIRE(set_fault(client, "fault=tasks-missing&app=web&times=2") == 200);
    CHECK(tasks_of(client, "/web") == "missing");
    CHECK(tasks_of(client, "/shop/api") == "1 tasks");  // only /web, only twice
    CHECK(tasks_of(client, "/web") == "2 tasks");
  }
  SUBCASE("an app with null tasks until cleared") {
    REQUIRE(set_fault(client, "fault=tasks-null&app=/web&times=1000") == 200);
    CHECK(tasks_of(client, "/web") == "null");
    CHECK(tasks_of(client, "/web") == "null");
    REQUIRE(set_fault(client, "fault=none") == 200);
    CHECK(tasks_of(client, "/web") == "2 tasks");
  }
  SUBCASE("through a standby, which forwards both the control and the reads") {
    RunningStandby standby(sim.port());
    auto via_standby = standby.client();
    REQUIRE(set_fault(via_standby, "fault=empty") == 200);
    CHECK(app_ids(via_standby).empty());
    CHECK(app_ids(client) == all);
  }
  SUBCASE("bad requests change nothing") {
    REQUIRE(set_fault(client, "fault=empty&times=3") == 200);
    CHECK(set_fault(client, "fault=garbage") == 400);
    CHECK(set_fault(client, "fault=tasks-null") == 400);
    CHECK(set_fault(client, "fault=tasks-null&app=Bad!") == 400);
    CHECK(set_fault(client, "fault=empty&times=0") == 400);
    CHECK(set_fault(client, "fault=empty&times=x") == 400);
    CHECK(app_ids(client).empty());
    CHECK(app_ids(client).empty());
    CHECK(app_ids(client).empty());
    CHECK(app_ids(client) == all);
  }
}

}  // namespace skylr::sim::testing
