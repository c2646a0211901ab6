// POST /marathon: callbacks from addresses outside marathon_hosts are refused without
// effect, bad requests are answered without disturbing the daemon, and a burst of 500
// events costs few regenerations yet ends in the right configuration.
#include <chrono>
#include <thread>

#include <doctest/doctest.h>

#include "e2e_stack.h"

namespace skylr::e2e {
namespace {

TEST_CASE("skylrd e2e: a callback from outside marathon_hosts is refused and changes nothing") {
  Stack stack(2, {.sse = false});
  INFO("skylrd log:\n", stack.skylrd.log());
  REQUIRE(stack.in_sync());
  std::string task = *stack.sim.running_tasks().begin();
  double events = stack.skylrd.metric("skylr_events_total");
  double regenerations = stack.skylrd.metric("skylr_regenerations_total");

  testing::HttpReply refused = stack.skylrd.post_event(status_update_event(task, "TASK_KILLED"), "127.0.0.3");
  CHECK_MESSAGE(refused.status == 403, refused.error);
  CHECK(refused.body.starts_with(R"({"message":)"));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // > min_interval_ms: a regeneration would show
  CHECK(stack.skylrd.metric("skylr_events_total") == events);
  CHECK(stack.skylrd.metric("skylr_regenerations_total") == regenerations);
  CHECK(stack.skylrd.routed_tasks() == stack.sim.running_tasks());

  testing::HttpReply accepted = stack.skylrd.post_event(status_update_event(task), "127.0.0.1");
  CHECK(accepted.status == 200);
  CHECK(accepted.body == R"({"accepted":true})");
  CHECK(stack.skylrd.metric("skylr_events_total") == events + 1);
}

TEST_CASE("skylrd e2e: bad requests are answered and leave the daemon healthy") {
  Stack stack(1, {.sse = false});
  INFO("skylrd log:\n", stack.skylrd.log());
  REQUIRE(stack.in_sync());
  int port = stack.skylrd.port();
  auto request = [&](const std::string& method, const std::string& path, const std::string& body = "") {
    return testing::http_request_from("127.0.0.1", port, method, path, body);
  };
  testing::HttpReply malformed = request("POST", "/marathon", "{not json");
  CHECK(malformed.status == 400);
  CHECK(malformed.body.starts_with(R"({"message":)"));
  CHECK(request("POST", "/marathon", R"({"eventType": 1})").status == 400);
  CHECK(request("GET", "/no-such-path").status == 404);
  CHECK(request("GET", "/marathon").status == 405);
  CHECK(request("DELETE", "/health").status == 405);
  CHECK(request("POST", "/marathon", std::string((1 << 20) + 1, ' ')).status == 413);
  CHECK(stack.skylrd.healthy());
  CHECK(stack.skylrd.get("/metrics").body.find("skylr_regenerations_total") != std::string::npos);
}

TEST_CASE("skylrd e2e: a burst of 500 callbacks costs few regenerations and ends right") {
  constexpr int kMinIntervalMs = 500;
  Stack stack(1, {.sse = false, .min_interval_ms = kMinIntervalMs});
  INFO("skylrd log:\n", stack.skylrd.log());
  REQUIRE(stack.in_sync());
  stack.sim.scale(3);  // skylrd hears of it only through the burst (no stream, no resync)
  REQUIRE(testing::wait_until([&] { return stack.sim.running_tasks().size() == 3; }, 5s));
  std::string task = *stack.sim.running_tasks().begin();

  double regenerations = stack.skylrd.metric("skylr_regenerations_total");
  double events = stack.skylrd.metric("skylr_events_total");
  auto start = std::chrono::steady_clock::now();
  int accepted = 0;
  for (int i = 0; i < 500; ++i) accepted += stack.skylrd.post_event(status_update_event(task)).status == 200;
  CHECK(accepted == 500);
  CHECK(stack.await_traffic(3, 5s) == "");
  CHECK(stack.in_sync(2s));
  std::this_thread::sleep_for(std::chrono::milliseconds(2 * kMinIntervalMs));  // let a late batch show
  double elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  double increase = stack.skylrd.metric("skylr_regenerations_total") - regenerations;
  CHECK(stack.skylrd.metric("skylr_events_total") - events == 500);
  CHECK(increase >= 1);
  CHECK_MESSAGE(increase <= elapsed_ms / kMinIntervalMs + 2, increase, " regenerations in ", elapsed_ms, " ms");
}

}  // namespace
}  // namespace skylr::e2e
