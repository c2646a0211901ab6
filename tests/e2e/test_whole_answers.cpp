// Marathon's answers trusted only when whole, with the real skylrd, marathon-sim and
// HAProxy: an app whose tasks are missing from an answer keeps serving its last known
// tasks while /health says why; an empty app list is read again, from the other master,
// before anything is removed, and applied only when the second read confirms it.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "e2e_stack.h"

namespace skylr::e2e {
namespace {

// Asks skylrd to read all of Marathon's apps (a callback that names no app, as a group
// change); REQUIREs 200. The answer faults of the simulator rewrite the full list.
void trigger_sync(Stack& stack) {
  REQUIRE(stack.skylrd.post_event(R"({"eventType":"group_change_success"})").status == 200);
}

// True once skylr_marathon_answers_total{verdict="<verdict>"} reaches `count`.
bool answers_reach(const Stack& stack, const std::string& verdict, double count) {
  std::string label = fmt::format(R"(verdict="{}")", verdict);
  return testing::wait_until(
      [&] { return stack.skylrd.metric("skylr_marathon_answers_total", label) >= count; }, 10s);
}

TEST_CASE("skylrd e2e: an app whose tasks are missing from Marathon's answer keeps serving its last known tasks") {
  Stack stack(2, {.sse = false});
  INFO("skylrd log:\n", stack.skylrd.log());
  REQUIRE(stack.in_sync());
  const std::set<std::string> served = stack.sim.running_tasks();
  const std::string kept =
      "app /web: Marathon's answer for it is malformed (apps[0].tasks: missing or null, though the answer "
      "embeds apps.tasks); keeping its 2 last known servers";

  stack.sim.control("/_sim/answers/apps?fault=tasks-null&app=/web&times=1000");
  stack.sim.scale(3);
  REQUIRE(testing::wait_until([&] { return stack.sim.running_tasks().size() == 3; }, 10s));
  trigger_sync(stack);
  CHECK(testing::wait_until([&] { return stack.skylrd.metric("skylr_marathon_apps_kept_total") >= 1; }, 10s));
  testing::HttpReply health = stack.skylrd.get("/health");
  CHECK(health.status == 503);
  CHECK(health.body.find(kept) != std::string::npos);
  CHECK(stack.skylrd.get("/status").body.find(kept) != std::string::npos);
  CHECK(stack.skylrd.log().find("sync: " + kept) != std::string::npos);
  CHECK(stack.skylrd.routed_tasks() == served);
  CHECK(await_traffic(stack.skylrd.service_port(), served, 5s) == "");

  stack.sim.control("/_sim/answers/apps?fault=none");
  trigger_sync(stack);
  CHECK(stack.await_traffic(3, 10s) == "");
  CHECK(testing::wait_until([&] { return stack.skylrd.healthy(); }, 5s));
}

TEST_CASE("skylrd e2e: an empty app list is read again from the other master before anything is removed") {
  Stack stack(2, {.sse = false, .standby = true});
  INFO("skylrd log:\n", stack.skylrd.log());
  REQUIRE(stack.in_sync());
  const std::set<std::string> served = stack.sim.running_tasks();
  const int port = stack.skylrd.service_port();
  const std::string live = stack.skylrd.live_config();
  CHECK(stack.skylrd.metric("skylr_marathon_answers_total", R"(verdict="corrected")") == 0);

  // Once: the second read, from the standby, lists /web again and is applied instead (no change).
  stack.sim.control("/_sim/answers/apps?fault=empty");
  trigger_sync(stack);
  REQUIRE(answers_reach(stack, "corrected", 1));
  CHECK(stack.skylrd.log().find(fmt::format(
            "sync: Marathon's answer was drastic: it lists none of the services' apps, which had 2 servers; a "
            "second read from http://127.0.0.1:{} was not, and is applied instead",
            stack.standby->port())) != std::string::npos);
  CHECK(stack.skylrd.live_config() == live);
  CHECK(await_traffic(port, served, 5s) == "");
  CHECK(stack.skylrd.healthy());

  // Twice: the second read confirms it, and it is applied.
  stack.sim.control("/_sim/answers/apps?fault=empty&times=2");
  trigger_sync(stack);
  REQUIRE(answers_reach(stack, "confirmed", 1));
  CHECK(testing::wait_until([&] { return stack.skylrd.routed_tasks().empty(); }, 5s));

  // Marathon lists /web again: nothing served to compare with, trusted at once.
  trigger_sync(stack);
  CHECK(stack.await_traffic(2, 10s) == "");
  CHECK(stack.skylrd.metric("skylr_marathon_answers_total", R"(verdict="refused")") == 0);
}

}  // namespace
}  // namespace skylr::e2e
