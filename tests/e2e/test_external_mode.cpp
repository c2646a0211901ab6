// External reload mode with a stale pid file: the process the file names is not HAProxy
// and must never be signalled by skylrd, neither while it applies nor when it stops.
#include <csignal>
#include <fstream>

#include <doctest/doctest.h>

#include "e2e_stack.h"

namespace skylr::e2e {
namespace {

TEST_CASE("skylrd e2e: external mode never signals the unrelated process of a stale pid file") {
  testing::TempDir dir;
  testing::HaproxyGuard guard;
  SimProcess sim(dir, 1);
  testing::ChildProcess sleeper({"sleep", "60"}, dir.path("sleep.out"), dir.path("sleep.log"));
  std::ofstream(dir.path("haproxy.pid")) << sleeper.pid() << "\n";

  SkylrdProcess skylrd(dir, sim.port(), {.reload_mode = "external"}, guard);
  INFO("skylrd log:\n", skylrd.log());
  auto applied = [&] {  // whatever the outcome: the pid file has been acted on
    std::string status = skylrd.last_apply("status");
    return status == "applied" || status == "unchanged" || status == "failed";
  };
  CHECK(testing::wait_until(applied, 10s));
  CHECK(sleeper.running());
  CHECK(skylrd.stop() == 0);
  CHECK(sleeper.running());
}

}  // namespace
}  // namespace skylr::e2e
