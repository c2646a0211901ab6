// Traffic through the HAProxy skylrd manages follows Marathon: deploys, scaling up and
// down, killed tasks (each event read as its app alone, applied without a reload), and 20
// reloads under load without a failed request.
#include <doctest/doctest.h>

#include "e2e_stack.h"

namespace skylr::e2e {
namespace {

TEST_CASE("skylrd e2e: traffic reaches every task and follows scaling and killed tasks") {
  Stack stack(2);
  INFO("skylrd log:\n", stack.skylrd.log());
  REQUIRE(stack.in_sync());
  std::set<std::string> initial = stack.sim.running_tasks();
  CHECK(initial.size() == 2);
  CHECK(await_traffic(stack.skylrd.service_port(), initial, 2s) == "");
  double full_reads = stack.skylrd.metric("skylr_marathon_reads_total", R"(kind="full")");
  double reloads = stack.skylrd.metric("skylr_reloads_total");

  stack.sim.scale(4);
  CHECK(stack.await_traffic(4, 2s) == "");

  stack.sim.scale(2);
  CHECK(stack.await_traffic(2, 2s) == "");

  std::string killed = *stack.sim.running_tasks().begin();
  stack.sim.kill_task(killed);  // the simulator starts a replacement
  CHECK(stack.await_traffic(2, 2s) == "");
  CHECK(stack.sim.running_tasks().count(killed) == 0);
  CHECK(sample_traffic(stack.skylrd.service_port(), 10).count(killed) == 0);

  // The events named /web: skylrd read /web alone each time, and applied without a reload.
  CHECK(stack.skylrd.metric("skylr_marathon_reads_total", R"(kind="full")") == full_reads);
  CHECK(stack.skylrd.metric("skylr_marathon_reads_total", R"(kind="app")") >= 3);
  CHECK(stack.skylrd.metric("skylr_marathon_bytes_read_total") > 0);
  CHECK(stack.skylrd.metric("skylr_reloads_total") == reloads);
}

TEST_CASE("skylrd e2e: 20 reloads under load without a failed request") {
  Stack stack(2);
  INFO("skylrd log:\n", stack.skylrd.log());
  REQUIRE(stack.in_sync());
  double applied_before = stack.skylrd.metric("skylr_applies_total", R"(result="applied")");
  testing::BackgroundLoad load(stack.skylrd.service_port());
  for (int reload = 0; reload < 20; ++reload) {
    std::size_t tasks = reload % 2 == 0 ? 3 : 2;
    stack.sim.scale(static_cast<int>(tasks));
    REQUIRE_MESSAGE(stack.await_traffic(tasks, 5s) == "", "reload ", reload);
    auto applied = [&] { return stack.skylrd.metric("skylr_applies_total", R"(result="applied")"); };
    REQUIRE_MESSAGE(testing::wait_until([&] { return applied() >= applied_before + reload + 1; }, 5s),
                    "reload ", reload, ": ", applied() - applied_before, " applied");
  }
  load.finish();
  CHECK(load.requests() > 100);
  CHECK_MESSAGE(load.failures() == 0, load.failures(), " of ", load.requests(),
                " requests failed, the last: ", load.last_failure());
}

}  // namespace
}  // namespace skylr::e2e
