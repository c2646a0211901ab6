#include <doctest/doctest.h>

#include "sim_fixture.h"

namespace skylr::sim::testing {
namespace {

// The JSON bodies of the "data:" lines of an event stream's text.
std::vector<std::string> data_lines(const std::string& text) {
  std::vector<std::string> out;
  for (auto at = text.find("data: "); at != std::string::npos; at = text.find("data: ", at + 1)) {
    auto end = text.find("\r\n", at);
    out.push_back(text.substr(at + 6, end - at - 6));
  }
  return out;
}

void check_event_bodies(const std::vector<std::string>& bodies) {
  for (const auto& body : bodies) {
    INFO(body);
    auto event = parse(body);
    CHECK(!str(event, "eventType").empty());
    CHECK(str(event, "timestamp").size() == 24);
  }
}

}  // namespace

TEST_CASE("skylr::sim::SimServer event stream") {
  RunningSim sim(test_options(0));
  auto client = sim.client();

  SUBCASE("200 text/event-stream, first frame event_stream_attached") {
    int status = 0;
    std::string content_type;
    std::string first;
    auto res = client.Get(
        "/v2/events", {{"Accept", "text/event-stream"}},
        [&](const httplib::Response& response) {
          status = response.status;
          content_type = response.get_header_value("Content-Type");
          return true;
        },
        [&](const char* data, std::size_t size) {
          first.append(data, size);
          return first.find("\r\n\r\n") == std::string::npos;
        });
    CHECK(status == 200);
    CHECK(content_type == "text/event-stream;charset=UTF-8");
    CHECK(first.starts_with("event: event_stream_attached\r\ndata: {\"eventType\":\"event_stream_attached\""));
    CHECK(first.find(R"("remoteAddress":"127.0.0.1"})" "\r\n\r\n") != std::string::npos);
  }
  SUBCASE("without Accept: text/event-stream: 405") {
    auto res = client.Get("/v2/events");
    REQUIRE(res);
    CHECK(res->status == 405);
  }
  SUBCASE("a scale emits api_post_event, deployment_info, status updates and deployment_success in order") {
    SseReader events(sim.port(), "/v2/events");
    REQUIRE(events.wait_for("event_stream_attached"));
    REQUIRE(client.Put("/v2/apps/web", R"({"instances":1})", "application/json")->status == 201);
    REQUIRE(events.wait_for("event: deployment_success"));
    auto text = events.text();
    auto post = text.find("event: api_post_event");
    auto info = text.find("event: deployment_info");
    auto staging = text.find(R"("taskStatus":"TASK_STAGING")");
    auto running = text.find(R"("taskStatus":"TASK_RUNNING")");
    auto step = text.find("event: deployment_step_success");
    auto success = text.find("event: deployment_success");
    CHECK(post < info);
    CHECK(info < staging);
    CHECK(staging < running);
    CHECK(running < success);
    CHECK(step < success);
    CHECK(text.find(R"("uri":"/v2/apps/web","appDefinition":{"id":"/web")") != std::string::npos);
    CHECK(text.find(R"("appId":"/web","host":"127.0.0.1")") != std::string::npos);
    check_event_bodies(data_lines(text));
  }
  SUBCASE("a change of labels only is an update: api_post_event, then a restart deployment naming the app") {
    REQUIRE(client.Put("/v2/apps/web", R"({"instances":1,"labels":{"a":"1"}})", "application/json")->status == 201);
    REQUIRE(eventually([&] { return get_json(client, "/v2/deployments").Empty(); }));
    SseReader events(sim.port(), "/v2/events");
    REQUIRE(events.wait_for("event_stream_attached"));
    auto res = client.Put("/v2/apps/web", R"({"labels":{"a":"2","b":"3"}})", "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
    const std::string deployment = str(parse(res->body), "deploymentId");
    REQUIRE(events.wait_for("event: deployment_success"));
    auto text = events.text();
    auto post = text.find("event: api_post_event");
    auto info = text.find("event: deployment_info");
    auto success = text.find("event: deployment_success");
    CHECK(post < info);
    CHECK(info < success);
    CHECK(text.find(R"("labels":{"a":"2","b":"3"})", post) < info);
    for (auto at : {info, success}) {
      auto frame = text.substr(at, text.find("\r\n\r\n", at) - at);
      INFO(frame);
      CHECK(frame.find(R"("id":")" + deployment + '"') != std::string::npos);
      CHECK(frame.find(R"({"action":"RestartApplication","app":"/web")") != std::string::npos);
    }
    check_event_bodies(data_lines(text));
    auto app = get_json(client, "/v2/apps/web");
    CHECK(str(at(at(app, "app"), "labels"), "b") == "3");
  }
  SUBCASE("event_type filters, repeatable") {
    SseReader events(sim.port(), "/v2/events?event_type=deployment_success&event_type=app_terminated_event");
    REQUIRE(events.wait_for("event_stream_attached"));
    REQUIRE(client.Put("/v2/apps/web", R"({"instances":1})", "application/json")->status == 201);
    REQUIRE(events.wait_for("event: deployment_success"));
    REQUIRE(client.Delete("/v2/apps/web")->status == 200);
    REQUIRE(events.wait_for("event: app_terminated_event"));
    auto text = events.text();
    CHECK(text.find("status_update_event") == std::string::npos);
    CHECK(text.find("api_post_event") == std::string::npos);
    CHECK(text.find("deployment_info") == std::string::npos);
  }
  SUBCASE("heartbeats are bare CRLFs") {
    SseReader events(sim.port(), "/v2/events");
    REQUIRE(events.wait_for("event_stream_attached"));
    auto frame_end = events.text().find("\r\n\r\n") + 4;
    REQUIRE(eventually([&] { return events.text().size() >= frame_end + 6; }));
    CHECK(events.text().substr(frame_end, 6) == "\r\n\r\n\r\n");
  }
  SUBCASE("/_sim/events/stream/close ends every stream") {
    SseReader first(sim.port(), "/v2/events");
    SseReader second(sim.port(), "/v2/events");
    REQUIRE(first.wait_for("event_stream_attached"));
    REQUIRE(second.wait_for("event_stream_attached"));
    REQUIRE(client.Post("/_sim/events/stream/close")->status == 200);
    CHECK(first.wait_ended());
    CHECK(second.wait_ended());
    SseReader again(sim.port(), "/v2/events");
    CHECK(again.wait_for("event_stream_attached"));
  }
}

TEST_CASE("skylr::sim::SimServer event subscriptions") {
  RunningSim sim(test_options(0));
  auto client = sim.client();
  CallbackReceiver receiver;
  std::string query = "?callbackUrl=" + receiver.url();

  auto res = client.Post(("/v2/eventSubscriptions" + query).c_str());
  REQUIRE(res);
  CHECK(res->status == 200);
  auto subscribed = parse(res->body);
  CHECK(str(subscribed, "eventType") == "subscribe_event");
  CHECK(str(subscribed, "callbackUrl") == receiver.url());
  CHECK(str(subscribed, "clientIp") == "127.0.0.1");
  auto listed = parse(client.Get("/v2/eventSubscriptions")->body);
  REQUIRE(at(listed, "callbackUrls").Size() == 1);
  CHECK(std::string(at(listed, "callbackUrls")[0].GetString()) == receiver.url());

  CHECK(receiver.wait_for(R"("eventType":"subscribe_event")"));
  REQUIRE(client.Put("/v2/apps/web", R"({"instances":1})", "application/json")->status == 201);
  CHECK(receiver.wait_for(R"("eventType":"api_post_event")"));
  CHECK(receiver.wait_for(R"("taskStatus":"TASK_RUNNING")"));
  CHECK(receiver.wait_for(R"("eventType":"deployment_success")"));
  check_event_bodies(receiver.bodies());

  auto gone = client.Delete(("/v2/eventSubscriptions" + query).c_str());
  REQUIRE(gone);
  CHECK(str(parse(gone->body), "eventType") == "unsubscribe_event");
  CHECK(at(parse(client.Get("/v2/eventSubscriptions")->body), "callbackUrls").Empty());
  auto missing = client.Post("/v2/eventSubscriptions");
  REQUIRE(missing);
  CHECK(missing->status == 400);
}

}  // namespace skylr::sim::testing
