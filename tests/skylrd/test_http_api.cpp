#include "http_api.h"

#include <doctest/doctest.h>

#include <string>

#include "test_configs.h"
#include "test_server.h"

namespace skylr {
namespace {

// skylrd's API on a test server, with Marathon at `marathon_address`.
struct Fixture {
  SharedConfig config{testing::config_with_service("web")};
  PeerAllowlist peers;
  Notifications notifications{std::chrono::milliseconds(0), std::chrono::milliseconds(0)};
  Metrics metrics;
  StatusBoard board;

  explicit Fixture(const char* marathon_address) { REQUIRE(peers.add(marathon_address)); }

  HttpApiContext context() { return {&config, &peers, &notifications, &metrics, &board}; }

  // True when a batch is pending right now.
  bool notified() {
    auto batch = notifications.wait_for_batch(std::chrono::steady_clock::now());
    return batch && batch->notifications > 0;
  }
};

constexpr const char* kEvent = R"({"eventType":"status_update_event","appId":"/web","taskId":"web.1"})";

}  // namespace

TEST_CASE("skylr::install_http_api callbacks") {
  SUBCASE("an event from Marathon's address is accepted and marks the state dirty") {
    Fixture f("127.0.0.1");
    testing::TestServer server([&](httplib::Server& s) { install_http_api(s, f.context()); });
    httplib::Client client(server.origin());
    auto answer = client.Post("/marathon", kEvent, "application/json");
    REQUIRE(answer);
    CHECK(answer->status == 200);
    CHECK(answer->body == R"({"accepted":true})");
    CHECK(f.notified());
    CHECK(f.metrics.render_prometheus().find(
              R"(skylr_events_total{source="callback",type="status_update_event"} 1)") != std::string::npos);
  }
  SUBCASE("an event from any other address is refused and changes nothing") {
    Fixture f("10.9.9.9");
    testing::TestServer server([&](httplib::Server& s) { install_http_api(s, f.context()); });
    httplib::Client client(server.origin());
    auto answer = client.Post("/marathon", kEvent, "application/json");
    REQUIRE(answer);
    CHECK(answer->status == 403);
    CHECK(answer->body == R"({"message":"only Marathon (an address of marathon_hosts) may post events"})");
    CHECK_FALSE(f.notified());
    CHECK(f.metrics.render_prometheus().find("skylr_events_total{") == std::string::npos);
  }
  SUBCASE("a malformed event is a 400 naming the problem; the server keeps serving") {
    Fixture f("127.0.0.1");
    testing::TestServer server([&](httplib::Server& s) { install_http_api(s, f.context()); });
    httplib::Client client(server.origin());
    auto answer = client.Post("/marathon", R"({"eventType": 5})", "application/json");
    REQUIRE(answer);
    CHECK(answer->status == 400);
    CHECK(answer->body == R"({"message":"malformed event: eventType: expected a string, got 5"})");
    CHECK_FALSE(f.notified());
    auto next = client.Post("/marathon", kEvent, "application/json");
    REQUIRE(next);
    CHECK(next->status == 200);
  }
  SUBCASE("an event for an untracked app is counted but does not mark the state dirty") {
    Fixture f("127.0.0.1");
    testing::TestServer server([&](httplib::Server& s) { install_http_api(s, f.context()); });
    httplib::Client client(server.origin());
    auto answer = client.Post("/marathon", R"({"eventType":"status_update_event","appId":"/other"})",
                              "application/json");
    REQUIRE(answer);
    CHECK(answer->status == 200);
    CHECK_FALSE(f.notified());
  }
}

TEST_CASE("skylr::install_http_api errors") {
  Fixture f("127.0.0.1");
  testing::TestServer server([&](httplib::Server& s) { install_http_api(s, f.context()); });
  httplib::Client client(server.origin());

  SUBCASE("unknown path: 404") {
    auto answer = client.Get("/v2/apps");
    REQUIRE(answer);
    CHECK(answer->status == 404);
    CHECK(answer->body == R"({"message":"no such endpoint: /v2/apps"})");
  }
  SUBCASE("wrong method: 405 with Allow") {
    auto answer = client.Get("/marathon");
    REQUIRE(answer);
    CHECK(answer->status == 405);
    CHECK(answer->get_header_value("Allow") == "POST");
    auto post_health = client.Post("/health", "", "text/plain");
    REQUIRE(post_health);
    CHECK(post_health->status == 405);
    CHECK(post_health->get_header_value("Allow") == "GET, HEAD");
  }
  SUBCASE("body over the limit: 413, nothing taken") {
    std::string huge(kMaxRequestBody + 1, ' ');
    auto answer = client.Post("/marathon", huge, "application/json");
    REQUIRE(answer);
    CHECK(answer->status == 413);
    CHECK_FALSE(f.notified());
  }
  SUBCASE("health before any sync: 503 with the reason") {
    auto answer = client.Get("/health");
    REQUIRE(answer);
    CHECK(answer->status == 503);
    CHECK(answer->body == R"({"status":"unhealthy","reasons":["no successful sync with Marathon yet"]})");
  }
  SUBCASE("metrics in the Prometheus text format") {
    auto answer = client.Get("/metrics");
    REQUIRE(answer);
    CHECK(answer->status == 200);
    CHECK(answer->get_header_value("Content-Type") == "text/plain; version=0.0.4");
    CHECK(answer->body.find("# TYPE skylr_regenerations_total counter\nskylr_regenerations_total 0\n") !=
          std::string::npos);
  }
  SUBCASE("the status page: the whole page at /, its main part at /?view=main, HTML never cached") {
    auto page = client.Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(page->get_header_value("Cache-Control") == "no-store");
    CHECK(page->get_header_value("Content-Security-Policy").starts_with("default-src 'none';"));
    CHECK(page->body.starts_with("<!doctype html>"));
    CHECK(page->body.find("<h2>Health: unhealthy</h2>") != std::string::npos);
    CHECK(page->body.find("<li>no successful sync with Marathon yet</li>") != std::string::npos);
    auto main = client.Get("/?view=main");
    REQUIRE(main);
    CHECK(main->status == 200);
    CHECK(main->body.starts_with(R"(<section id="health" class="health unhealthy">)"));
    CHECK(page->body.find(main->body) != std::string::npos);
    auto post = client.Post("/", "", "text/plain");
    REQUIRE(post);
    CHECK(post->status == 405);
    CHECK(post->get_header_value("Allow") == "GET, HEAD");
  }
}

}  // namespace skylr
