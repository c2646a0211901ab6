// MarathonClient's reads of apps: fetch_apps, fetch_apps_from_another and fetch_app, over a
// FakeHttpClient.
#include <doctest/doctest.h>

#include "fake_http_client.h"
#include "marathon/client_hosts.h"
#include "skylr/marathon_client.h"

namespace skylr {
namespace {

using test::c0;
using test::c1;
using test::c2;
using test::three_hosts;
using testing::FakeHttpClient;

}  // namespace

TEST_CASE("skylr::MarathonClient::fetch_apps_from_another") {
  FakeHttpClient http;
  MarathonClient client(three_hosts(), std::nullopt, http);
  const std::string apps = R"({"apps":[{"id":"/web","tasks":[]}]})";
  const std::string target = "/v2/apps?embed=apps.tasks";
  http.answer(c0, 200, apps);
  http.answer(c1, 200, apps);
  REQUIRE(client.fetch_apps().ok());

  SUBCASE("starts after the endpoint that answered last, and names the one that answered") {
    auto again = client.fetch_apps_from_another();
    REQUIRE(again.ok());
    CHECK(again->origin == c1);
    CHECK(again->apps.at(0).id == "/web");
    CHECK(http.urls() == std::vector<std::string>{c0 + target, c1 + target});
  }
  SUBCASE("fails over from there, back to the one that answered last") {
    http.fail(c1, kCannotConnect);
    auto again = client.fetch_apps_from_another();
    REQUIRE(again.ok());
    CHECK(again->origin == c0);
    CHECK(http.urls() == std::vector<std::string>{c0 + target, c1 + target, c2 + target, c0 + target});
  }
  SUBCASE("one endpoint: the same one again") {
    MarathonClient single({{"http", "c0", 8080, ""}}, std::nullopt, http);
    auto again = single.fetch_apps_from_another();
    REQUIRE(again.ok());
    CHECK(again->origin == c0);
  }
}

TEST_CASE("skylr::MarathonClient::fetch_apps") {
  FakeHttpClient http;
  MarathonClient client(three_hosts(), std::nullopt, http);
  SUBCASE("parses the apps") {
    http.answer(c0, 200, R"({"apps":[{"id":"/web","instances":2,"tasks":[]}]})");
    auto apps = client.fetch_apps();
    REQUIRE(apps.ok());
    REQUIRE(apps->size() == 1);
    CHECK(apps->at(0).id == "/web");
    CHECK(apps->at(0).instances == 2);
    CHECK(http.urls() == std::vector<std::string>{c0 + "/v2/apps?embed=apps.tasks"});
  }
  SUBCASE("an app that cannot be read whole comes back malformed, the others whole") {
    http.answer(c0, 200, R"({"apps":[{"id":"/web","tasks":null},{"id":"/api","tasks":[]}]})");
    auto apps = client.fetch_apps();
    REQUIRE(apps.ok());
    REQUIRE(apps->size() == 2);
    CHECK(apps->at(0).malformed == "apps[0].tasks: missing or null, though the answer embeds apps.tasks");
    CHECK(apps->at(1).malformed.empty());
  }
  SUBCASE("an answer other than 200") {
    http.answer(c0, 404, R"({"message":"not here"})");
    CHECK(client.fetch_apps().error().message ==
          R"(GET /v2/apps?embed=apps.tasks: Marathon answered HTTP 404: {"message":"not here"})");
  }
  SUBCASE("a body parse_apps rejects") {
    http.answer(c0, 200, R"({"apps":{}})");
    auto apps = client.fetch_apps();
    REQUIRE_FALSE(apps.ok());
    CHECK(apps.error().message.starts_with("GET /v2/apps?embed=apps.tasks: apps: expected an array"));
  }
  SUBCASE("no Marathon answers") {
    CHECK(client.fetch_apps().error().message.starts_with("no Marathon answered: http://c0:8080"));
  }
}

TEST_CASE("skylr::MarathonClient::fetch_app") {
  FakeHttpClient http;
  MarathonClient client(three_hosts(), std::nullopt, http);
  const std::string target = "/v2/apps/grp/web?embed=app.tasks";

  SUBCASE("the app with its tasks, asked by its id as Marathon writes it or relative") {
    http.answer(c0, 200, R"({"app":{"id":"/grp/web","instances":1,"tasksRunning":1,
        "tasks":[{"id":"grp_web.1","appId":"/grp/web","host":"10.0.0.1","ports":[31000],
                  "state":"TASK_RUNNING","startedAt":"2024-01-01T00:00:00.000Z"}]}})");
    for (std::string_view id : {"/grp/web", "grp/web"}) {
      CAPTURE(id);
      auto app = client.fetch_app(id);
      REQUIRE(app.ok());
      REQUIRE(app->has_value());
      CHECK((*app)->id == "/grp/web");
      CHECK((*app)->instances == 1);
      REQUIRE((*app)->tasks.size() == 1);
      CHECK((*app)->tasks[0].ports == std::vector<int>{31000});
      CHECK((*app)->malformed.empty());
      CHECK(http.urls().back() == c0 + target);
    }
  }
  SUBCASE("Marathon's 404: the app does not exist") {
    http.answer(c0, 404, R"({"message":"App '/grp/web' does not exist"})");
    auto app = client.fetch_app("/grp/web");
    REQUIRE(app.ok());
    CHECK_FALSE(app->has_value());
  }
  SUBCASE("a 404 that is not Marathon's answer fails") {
    http.answer(c0, 404, "<html><body>404 Not Found</body></html>");
    CHECK(client.fetch_app("/grp/web").error().message ==
          "GET /v2/apps/grp/web?embed=app.tasks: Marathon answered HTTP 404: <html><body>404 Not "
          "Found</body></html>");
  }
  SUBCASE("an app that cannot be read whole comes back malformed") {
    http.answer(c0, 200, R"({"app":{"id":"/grp/web","instances":2,"tasks":null}})");
    auto app = client.fetch_app("/grp/web");
    REQUIRE(app.ok());
    REQUIRE(app->has_value());
    CHECK((*app)->malformed == "app.tasks: missing or null, though the answer embeds app.tasks");
  }
  SUBCASE("a body that is not an app with an id fails, naming the JSON path") {
    http.answer(c0, 200, R"({"apps":[{"id":"/grp/web","tasks":[]}]})");
    CHECK(client.fetch_app("/grp/web").error().message ==
          "GET /v2/apps/grp/web?embed=app.tasks: app: required key is missing");
    http.answer(c0, 200, R"({"app":{"tasks":[]}})");
    CHECK(client.fetch_app("/grp/web").error().message ==
          "GET /v2/apps/grp/web?embed=app.tasks: app.id: required key is missing");
  }
  SUBCASE("an answer for another app fails") {
    http.answer(c0, 200, R"({"app":{"id":"/grp/api","tasks":[]}})");
    CHECK(client.fetch_app("/grp/web").error().message ==
          R"(GET /v2/apps/grp/web?embed=app.tasks: Marathon answered with the app "/grp/api")");
  }
  SUBCASE("other statuses fail; 5xx and unreachable masters fail over as every read does") {
    http.answer(c0, 503, R"({"message":"There is no leader"})");
    http.answer(c1, 409, R"({"message":"busy"})");
    CHECK(client.fetch_app("/grp/web").error().message ==
          R"(GET /v2/apps/grp/web?embed=app.tasks: Marathon answered HTTP 409: {"message":"busy"})");
    CHECK(http.urls() == std::vector<std::string>{c0 + target, c1 + target});
    http.fail(c1, kCannotConnect);
    CHECK(client.fetch_app("/grp/web").error().message ==
          "no Marathon answered: http://c1:8080: cannot connect; http://c2:8080: cannot connect; "
          "http://c0:8080: HTTP 503");
  }
  SUBCASE("an id that is not a Marathon app id fails without a request") {
    for (std::string_view id : {"", "/", "/grp/", "/grp//web", "/grp/../web", "/a b", "/web?embed=x",
                                "/web%2F", "/wéb"}) {
      CAPTURE(id);
      auto app = client.fetch_app(id);
      REQUIRE_FALSE(app.ok());
      CHECK(app.error().message.ends_with(
          " is not a Marathon app id (segments of letters, digits, '.', '_' and '-' separated by '/')"));
    }
    CHECK(client.fetch_app("/a b").error().message.starts_with(R"("/a b" is not)"));
    CHECK(http.requests().empty());
  }
}

}  // namespace skylr
