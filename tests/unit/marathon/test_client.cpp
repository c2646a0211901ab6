#include "skylr/marathon_client.h"

#include <doctest/doctest.h>

#include "fake_http_client.h"
#include "marathon/client_hosts.h"

namespace skylr {
namespace {

using namespace std::chrono_literals;
using test::c0;
using test::c1;
using test::c2;
using test::three_hosts;
using testing::FakeHttpClient;

std::map<std::string, std::string> location(std::string url) { return {{"location", std::move(url)}}; }

}  // namespace

TEST_CASE("skylr::MarathonClient::get") {
  FakeHttpClient http;
  MarathonClient client(three_hosts(), std::nullopt, http);

  SUBCASE("fails over in order, then sticks to the endpoint that answered") {
    http.fail(c0, kCannotConnect);
    http.answer(c1, 503, R"({"message":"There is no leader"})");
    http.answer(c2, 200, "pong");
    auto answer = client.get("/ping");
    REQUIRE(answer.ok());
    CHECK(answer->body == "pong");
    CHECK(http.urls() == std::vector<std::string>{c0 + "/ping", c1 + "/ping", c2 + "/ping"});
    REQUIRE(client.get("/v2/leader").ok());
    CHECK(http.urls().back() == c2 + "/v2/leader");
    CHECK(http.urls().size() == 4);
  }
  SUBCASE("the sticky endpoint fails: the others are tried from there on") {
    http.answer(c1, 200, "pong");
    REQUIRE(client.get("/ping").ok());  // c0 fails, c1 answers
    http.fail(c1, kConnectTimedOut);
    http.answer(c0, 200, "pong");
    REQUIRE(client.get("/ping").ok());
    CHECK(http.urls() == std::vector<std::string>{c0 + "/ping", c1 + "/ping", c1 + "/ping",
                                                  c2 + "/ping", c0 + "/ping"});
  }
  SUBCASE("4xx is an answer") {
    http.answer(c0, 404, R"({"message":"App '/x' does not exist"})");
    auto answer = client.get("/v2/apps/x");
    REQUIRE(answer.ok());
    CHECK(answer->status == 404);
    CHECK(http.requests().size() == 1);
  }
  SUBCASE("refused credentials end the call") {
    for (int status : {401, 403}) {
      http.answer(c0, status, R"({"message":"Invalid username or password."})");
      CHECK(client.get("/ping").error().message ==
            fmt::format("Marathon refused the credentials ({})", status));
    }
    CHECK(http.requests().size() == 2);
  }
  SUBCASE("no endpoint answers: every reason is listed") {
    http.answer(c1, 502, "Bad Gateway");
    http.fail(c2, "read timed out or connection closed");
    auto answer = client.get("/ping");
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().message ==
          "no Marathon answered: http://c0:8080: cannot connect; http://c1:8080: HTTP 502; "
          "http://c2:8080: read timed out or connection closed");
  }
  SUBCASE("no endpoints") {
    FakeHttpClient unused;
    MarathonClient none({}, std::nullopt, unused);
    CHECK(none.get("/ping").error().message == "no Marathon endpoints configured");
  }
}

TEST_CASE("skylr::MarathonClient redirects") {
  FakeHttpClient http;
  MarathonClient client(three_hosts(), std::nullopt, http);

  SUBCASE("to the leader, absolute or relative") {
    http.answer(c0, 302, "", location("http://leader:8080/v2/events?x=1"));
    http.answer("http://leader:8080", 307, "", location("/v2/events"), "/v2/events?x=1");
    http.answer("http://leader:8080", 200, "ok", {}, "/v2/events");
    auto answer = client.get("/v2/events");
    REQUIRE(answer.ok());
    CHECK(answer->body == "ok");
    CHECK(http.urls() == std::vector<std::string>{c0 + "/v2/events", "http://leader:8080/v2/events?x=1",
                                                  "http://leader:8080/v2/events"});
  }
  SUBCASE("a loop and a chain too long move on to the next endpoint") {
    http.answer(c0, 302, "", location(c1 + "/a"), "/ping");
    http.answer(c1, 302, "", location(c0 + "/ping"), "/a");
    http.answer(c1, 302, "", location("/1"), "/ping");
    http.answer(c1, 302, "", location("/2"), "/1");
    http.answer(c1, 302, "", location("/3"), "/2");
    http.answer(c1, 302, "", location("/4"), "/3");
    http.answer(c2, 301, "");
    auto answer = client.get("/ping");
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().message ==
          "no Marathon answered: "
          "http://c0:8080: redirected to http://c0:8080/ping: redirect loop; "
          "http://c1:8080: redirected to http://c1:8080/4: more than 3 redirects; "
          "http://c2:8080: HTTP 301 without a usable Location");
    CHECK(http.requests().size() == 2 + 4 + 1);
  }
}

TEST_CASE("skylr::MarathonClient presents credentials only to the configured endpoints") {
  FakeHttpClient http;
  MarathonClient client(three_hosts(), MarathonCredentials{"user", "pass"}, http);
  auto authorization = [&](std::size_t request) {
    std::map<std::string, std::string> headers = http.requests().at(request).headers;
    auto found = headers.find("Authorization");
    return found == headers.end() ? std::string("(none)") : found->second;
  };
  const std::string basic = "Basic dXNlcjpwYXNz";

  SUBCASE("a redirect to another configured endpoint keeps them, in any spelling") {
    http.answer(c0, 307, "", location("HTTP://C1:8080/ping"));
    http.answer(c1, 200, "pong");
    REQUIRE(client.get("/ping").ok());
    CHECK(authorization(0) == basic);
    CHECK(authorization(1) == basic);
  }
  SUBCASE("a redirect to another host drops them, and its 401 says why") {
    http.answer(c0, 307, "", location("http://elsewhere:8080/ping"));
    http.answer("http://elsewhere:8080", 401, "");
    auto answer = client.get("/ping");
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().message ==
          "http://elsewhere:8080 asked for credentials (401), which Skylr sends only to the "
          "marathon_hosts: list it there");
    CHECK(authorization(0) == basic);
    CHECK(authorization(1) == "(none)");
  }
  SUBCASE("the scheme's default port: http://c0 is not http://c0:8080") {
    MarathonClient on_port_80({{"http", "c0", 80, ""}}, MarathonCredentials{"user", "pass"}, http);
    http.answer("http://c0:80", 307, "", location("http://c0/a"));
    http.answer("http://c0", 307, "", location("http://c0:8080/b"), "/a");
    http.answer(c0, 200, "ok", {}, "/b");
    REQUIRE(on_port_80.get("/ping").ok());
    CHECK(authorization(1) == basic);
    CHECK(authorization(2) == "(none)");
  }
}

TEST_CASE("skylr::MarathonClient requests") {
  FakeHttpClient http;
  std::vector<MarathonEndpoint> endpoint{{"https", "c0", 8443, "/marathon"}};
  MarathonClient client(endpoint, MarathonCredentials{"user", "pass"}, http, {500ms, 3s});
  http.answer("https://c0:8443", 200, "{}");
  REQUIRE(client.get("/v2/apps").ok());
  HttpRequest sent = http.requests().at(0);
  CHECK(sent.origin == "https://c0:8443");
  CHECK(sent.target == "/marathon/v2/apps");
  CHECK(sent.headers == std::map<std::string, std::string>{{"Accept", "application/json"},
                                                           {"Authorization", "Basic dXNlcjpwYXNz"}});
  CHECK(sent.connect_timeout == 500ms);
  CHECK(sent.read_timeout == 3s);

  http.answer(c0, 200, "pong");
  MarathonClient anonymous(three_hosts(), std::nullopt, http);
  REQUIRE(anonymous.get("/ping").ok());
  CHECK_FALSE(http.requests().back().headers.contains("Authorization"));
}

TEST_CASE("skylr::MarathonClient deadlines") {
  FakeHttpClient http;
  MarathonClient client(three_hosts(), std::nullopt, http, {500ms, 3s, 20s});
  const auto now = [] { return std::chrono::steady_clock::now(); };

  SUBCASE("each endpoint has `total` from its first request, kept across its redirects") {
    http.answer(c0, 307, "", location("http://leader:8080/ping"));
    http.fail("http://leader:8080", kDeadlinePassed);
    http.answer(c1, 200, "pong");
    auto before = now();
    REQUIRE(client.get("/ping").ok());
    auto after = now();
    std::vector<HttpRequest> sent = http.requests();
    REQUIRE(sent.size() == 3);
    CHECK(sent[0].deadline >= before + 20s);
    CHECK(sent[0].deadline <= after + 20s);
    CHECK(sent[1].deadline == sent[0].deadline);  // the redirect to the leader
    CHECK(sent[2].deadline >= sent[0].deadline);  // the next endpoint starts afresh
    CHECK(sent[2].deadline <= after + 20s);
  }
  SUBCASE("a passed deadline moves on to the next endpoint and is named") {
    http.fail(c0, kDeadlinePassed);
    http.fail(c1, kDeadlinePassed);
    http.fail(c2, kDeadlinePassed);
    CHECK(client.get("/ping").error().message ==
          "no Marathon answered: http://c0:8080: no complete answer before the deadline; "
          "http://c1:8080: no complete answer before the deadline; "
          "http://c2:8080: no complete answer before the deadline");
  }
  SUBCASE("writes have one too; streams have none") {
    http.answer(c0, 200, "");
    auto before = now();
    REQUIRE(client.send("PUT", "/v2/apps/web", "{}").ok());
    CHECK(http.requests().back().deadline >= before + 20s);
    REQUIRE(client.stream("/v2/events", [](std::string_view) { return true; }).ok());
    CHECK(http.requests().back().deadline == std::chrono::steady_clock::time_point::max());
    CHECK(http.requests().back().read_timeout == 3s);
  }
}

TEST_CASE("skylr::MarathonClient::cancel") {
  FakeHttpClient http;
  MarathonClient client(three_hosts(), std::nullopt, http);
  http.answer(c0, 200, "pong");
  REQUIRE(client.get("/ping").ok());
  std::stop_token token = http.requests().at(0).stop_token;
  REQUIRE(token.stop_possible());  // every request carries the client's token
  CHECK_FALSE(token.stop_requested());
  client.cancel();
  CHECK(token.stop_requested());
  CHECK(client.get("/ping").error().message == "Marathon requests are cancelled");
  CHECK(client.send("PUT", "/v2/apps/web", "{}").error().message == "Marathon requests are cancelled");
  CHECK(http.requests().size() == 1);  // nothing more was sent
}

TEST_CASE("skylr::MarathonClient::send") {
  FakeHttpClient http;
  MarathonClient client(three_hosts(), std::nullopt, http);
  SUBCASE("a write fails over only while no connection could be made") {
    http.fail(c0, kConnectTimedOut);
    http.answer(c1, 409, R"({"message":"App is locked by one or more deployments."})");
    auto answer = client.send("PUT", "/v2/apps/web?force=false", R"({"instances":3})");
    REQUIRE(answer.ok());
    CHECK(answer->status == 409);
    std::vector<HttpRequest> sent = http.requests();
    REQUIRE(sent.size() == 2);
    CHECK(sent[1].method == "PUT");
    CHECK(sent[1].target == "/v2/apps/web?force=false");
    CHECK(sent[1].body == R"({"instances":3})");
    CHECK(sent[1].content_type == "application/json");
  }
  SUBCASE("5xx is Marathon's answer to a write, not a reason to send it again") {
    http.answer(c0, 503, "no leader");
    CHECK(client.send("PATCH", "/v2/apps/web", "{}")->status == 503);
    CHECK(http.requests().size() == 1);
  }
  SUBCASE("a write whose exchange broke is not sent again") {
    http.fail(c0, "read timed out or connection closed");
    CHECK(client.send("DELETE", "/v2/apps/web", "").error().message ==
          "http://c0:8080: read timed out or connection closed; the request may have been applied");
    CHECK(http.requests().size() == 1);
  }
  SUBCASE("a write follows 307 but not 302") {
    http.answer(c0, 307, "", location(c2 + "/v2/apps/web"));
    http.answer(c2, 200, R"({"deploymentId":"d1"})");
    CHECK(client.send("PUT", "/v2/apps/web", "{}")->status == 200);
    CHECK(http.urls() == std::vector<std::string>{c0 + "/v2/apps/web", c2 + "/v2/apps/web"});
    http.answer(c2, 302, "", location(c0 + "/v2/apps/web"));
    CHECK(client.send("PUT", "/v2/apps/web", "{}")->status == 302);
  }
}

TEST_CASE("skylr::MarathonClient::stream") {
  FakeHttpClient http;
  MarathonClient client(three_hosts(), std::nullopt, http);
  http.stream_chunks({"event: a\r\n", "data: {}\r\n\r\n"});
  std::vector<std::string> chunks;
  auto collect = [&](std::string_view chunk) {
    chunks.emplace_back(chunk);
    return true;
  };
  SUBCASE("follows the non-leader's redirect and streams from the leader") {
    http.answer(c0, 503, "");
    http.answer(c1, 302, "", location(c2 + "/v2/events"));
    http.answer(c2, 200, "");
    auto answer = client.stream("/v2/events", collect);
    REQUIRE(answer.ok());
    CHECK(chunks == std::vector<std::string>{"event: a\r\n", "data: {}\r\n\r\n"});
    CHECK(http.requests().back().headers.at("Accept") == "text/event-stream");
  }
  SUBCASE("a stream that broke after its first chunk is not resumed elsewhere") {
    http.stream_chunks({"event: a\r\n"}, "read timed out or connection closed");
    http.answer(c0, 200, "");
    http.answer(c1, 200, "");
    auto answer = client.stream("/v2/events", collect);
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().message == "http://c0:8080: read timed out or connection closed");
    CHECK(chunks == std::vector<std::string>{"event: a\r\n"});
    CHECK(http.requests().size() == 1);
  }
}

TEST_CASE("skylr::MarathonClient::bytes_read") {
  FakeHttpClient http;
  MarathonClient client(three_hosts(), std::nullopt, http);
  CHECK(client.bytes_read() == 0);

  SUBCASE("every answer of a read or a write counts, redirects and failed-over ones too") {
    http.answer(c0, 503, "no leader");  // 9 bytes, then the next endpoint
    http.answer(c1, 302, "moved", location(c2 + "/ping"), "/ping");  // 5 bytes
    http.answer(c2, 200, "pong");  // 4 bytes
    REQUIRE(client.get("/ping").ok());
    CHECK(client.bytes_read() == 18);
    http.answer(c2, 409, R"({"message":"locked"})");  // 20 bytes, after c1 could not be reached
    REQUIRE(client.send("PUT", "/v2/apps/web", "{}").ok());
    CHECK(client.bytes_read() == 38);
  }
  SUBCASE("the apps reads count their answers, whether they parse or not") {
    const std::string apps = R"({"apps":[{"id":"/web","tasks":[]}]})";
    const std::string app = R"({"app":{"id":"/web","tasks":[]}})";
    const std::string missing = R"({"message":"App '/api' does not exist"})";
    http.answer(c0, 200, apps, {}, "/v2/apps?embed=apps.tasks");
    http.answer(c0, 200, app, {}, "/v2/apps/web?embed=app.tasks");
    http.answer(c0, 404, missing, {}, "/v2/apps/api?embed=app.tasks");
    http.answer(c0, 200, "not json", {}, "/v2/apps/bad?embed=app.tasks");
    REQUIRE(client.fetch_apps().ok());
    REQUIRE(client.fetch_app("/web").ok());
    REQUIRE(client.fetch_app("/api").ok());
    REQUIRE_FALSE(client.fetch_app("/bad").ok());
    CHECK(client.bytes_read() == apps.size() + app.size() + missing.size() + 8);
  }
  SUBCASE("failed exchanges and the event stream do not count") {
    http.fail(c0, kCannotConnect);
    http.fail(c1, kConnectTimedOut);
    http.answer(c2, 200, "event: a\r\ndata: {}\r\n\r\n");
    REQUIRE(client.stream("/v2/events", [](std::string_view) { return true; }).ok());
    CHECK(client.bytes_read() == 0);
  }
}

}  // namespace skylr
