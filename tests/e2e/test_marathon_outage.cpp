// Marathon going away: the last good configuration keeps serving while /health says why,
// and skylrd is back in sync once Marathon is; an event stream cut and restored leads to
// a resync without a restart.
#include <algorithm>
#include <cctype>

#include <doctest/doctest.h>

#include "e2e_stack.h"

namespace skylr::e2e {
namespace {

// True when GET /health answers 503 with a reason that names Marathon.
bool unhealthy_naming_marathon(const SkylrdProcess& skylrd) {
  testing::HttpReply reply = skylrd.get("/health");
  std::string body = reply.body;
  std::transform(body.begin(), body.end(), body.begin(), [](unsigned char c) { return std::tolower(c); });
  return reply.status == 503 && body.find(R"("status":"unhealthy")") != std::string::npos &&
         body.find("marathon") != std::string::npos;
}

TEST_CASE("skylrd e2e: Marathon unavailable keeps the last good config serving") {
  auto backend = testing::named_backend("kept");  // serves every task, outlives the simulator
  Stack stack(2, {.resync_interval_s = 1, .backend_port = backend->port()});
  INFO("skylrd log:\n", stack.skylrd.log());
  REQUIRE(stack.in_sync());
  int port = stack.skylrd.service_port();
  REQUIRE(testing::http_get(port) == "kept");
  std::string live = stack.skylrd.live_config();

  SUBCASE("the simulator stopped, then restarted on the same port") {
    stack.sim.stop();
    CHECK(testing::wait_until([&] { return unhealthy_naming_marathon(stack.skylrd); }, 5s));
    CHECK(stack.skylrd.live_config() == live);
    CHECK(sample_traffic(port, 10) == std::map<std::string, int>{{"kept", 10}});
    stack.sim.start();
  }
  SUBCASE("the simulator without a leader, then with one") {
    stack.sim.control("/_sim/leader?available=false");
    CHECK(testing::wait_until([&] { return unhealthy_naming_marathon(stack.skylrd); }, 5s));
    CHECK(stack.skylrd.live_config() == live);
    CHECK(sample_traffic(port, 10) == std::map<std::string, int>{{"kept", 10}});
    stack.sim.control("/_sim/leader?available=true");
  }
  CHECK(stack.in_sync(10s));
  CHECK(testing::http_get(port) == "kept");
}

TEST_CASE("skylrd e2e: an event stream cut and restored resyncs without a restart") {
  Stack stack(2, {.sse = true, .resync_interval_s = 300});
  INFO("skylrd log:\n", stack.skylrd.log());
  REQUIRE(stack.in_sync());

  stack.sim.control("/_sim/events/stream/close");
  stack.sim.scale(3);
  CHECK(stack.await_traffic(3, 10s) == "");

  stack.sim.control("/_sim/events/stream/close");
  stack.sim.scale(1);
  CHECK(stack.await_traffic(1, 10s) == "");
  CHECK(stack.skylrd.healthy());
  CHECK(stack.skylrd.running());
}

}  // namespace
}  // namespace skylr::e2e
