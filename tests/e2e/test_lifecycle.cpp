// Stopping skylrd: SIGTERM ends it with exit code 0. Without --stop-haproxy-on-exit its
// HAProxy keeps serving and the next skylrd adopts it through the master socket; with the
// flag HAProxy stops too.
#include <doctest/doctest.h>

#include "e2e_stack.h"

namespace skylr::e2e {
namespace {

TEST_CASE("skylrd e2e: HAProxy outlives a stopped skylrd, is adopted by the next, stopped with the flag") {
  testing::TempDir dir;
  testing::HaproxyGuard guard;
  SimProcess sim(dir, 2);
  int service_port = 0;
  pid_t master = 0;
  {
    SkylrdProcess first(dir, sim.port(), {.stop_haproxy_on_exit = false}, guard);
    INFO("first skylrd log:\n", first.log());
    REQUIRE(testing::wait_until([&] { return first.healthy(); }, 10s));
    service_port = first.service_port();
    master = testing::read_pid_file(dir.path("haproxy.pid"));
    CHECK(first.stop() == 0);
  }
  REQUIRE(master > 0);
  CHECK(await_traffic(service_port, sim.running_tasks(), 2s) == "");  // nobody manages it now

  SkylrdProcess second(dir, sim.port(), {.service_port = service_port}, guard);
  INFO("second skylrd log:\n", second.log());
  CHECK(testing::wait_until([&] { return second.healthy(); }, 10s));
  CHECK(testing::read_pid_file(dir.path("haproxy.pid")) == master);  // adopted, not restarted
  sim.scale(3);
  CHECK(testing::wait_until([&] { return second.routed_tasks().size() == 3; }, 5s));
  CHECK(await_traffic(service_port, sim.running_tasks(), 2s) == "");
  CHECK(testing::read_pid_file(dir.path("haproxy.pid")) == master);

  CHECK(second.stop() == 0);
  CHECK(testing::wait_for_exit(master, 5s));
  CHECK(testing::http_get(service_port).starts_with("failed"));
}

}  // namespace
}  // namespace skylr::e2e
