// HAProxy supervised: a HAProxy killed behind skylrd's back serves again within about a
// second on the last good configuration, whether or not Marathon answers, counted in
// /metrics and /status and logged with how it ended; a restarted skylrd whose master
// socket file is gone still ends with exactly one HAProxy master serving the config; a
// deleted admin socket is brought back, so membership changes stay reload-free; in
// external mode a dead HAProxy makes /health fail and is never started by skylrd.
#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "e2e_stack.h"

namespace skylr::e2e {
namespace {

// The pids of the running haproxy processes whose command line names `config` and whose
// parent is not one of them: the masters serving that configuration.
std::vector<pid_t> haproxy_masters_of(const std::string& config) {
  std::vector<std::pair<pid_t, pid_t>> ours;  // pid, parent
  DIR* proc = opendir("/proc");
  REQUIRE(proc != nullptr);
  while (dirent* entry = readdir(proc)) {
    pid_t pid = std::atoi(entry->d_name);
    if (pid <= 0) continue;
    std::ifstream cmdline("/proc/" + std::string(entry->d_name) + "/cmdline");
    std::string args((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
    std::ifstream stat("/proc/" + std::string(entry->d_name) + "/stat");
    std::string state_line((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::size_t close = state_line.rfind(')');
    if (args.find("haproxy") == std::string::npos || args.find(config) == std::string::npos ||
        close == std::string::npos || state_line[close + 2] == 'Z') {
      continue;
    }
    int parent = 0;
    std::sscanf(state_line.c_str() + close + 1, " %*c %d", &parent);
    ours.emplace_back(pid, parent);
  }
  closedir(proc);
  std::vector<pid_t> masters;
  for (auto [pid, parent] : ours) {
    bool child = std::any_of(ours.begin(), ours.end(), [&](auto other) { return other.first == parent; });
    if (!child) masters.push_back(pid);
  }
  return masters;
}

TEST_CASE("skylrd e2e: a killed HAProxy serves again within a second, Marathon up or down") {
  auto backend = testing::named_backend("kept");
  Stack stack(2, {.backend_port = backend->port()});
  INFO("skylrd log:\n", stack.skylrd.log());
  REQUIRE(stack.in_sync());
  int port = stack.skylrd.service_port();
  pid_t master = testing::read_pid_file(stack.dir.path("haproxy.pid"));
  REQUIRE(master > 0);

  bool marathon_down = false;
  pid_t victim = master;
  SUBCASE("the master killed, Marathon answering") {}
  SUBCASE("the master killed, Marathon down") {
    marathon_down = true;
    stack.sim.stop();
  }
  SUBCASE("the worker killed (the master then exits)") { victim = worker_of(master); }
  REQUIRE(victim > 0);
  REQUIRE(kill(victim, SIGKILL) == 0);
  auto killed = std::chrono::steady_clock::now();
  // A worker may answer for a moment after its master died: serving again means a new
  // master, counted by the supervisor, and traffic through it.
  REQUIRE(testing::wait_until(
      [&] {
        return stack.skylrd.metric("skylr_haproxy_restarts_total") == 1 && testing::http_get(port) == "kept";
      },
      5s));
  auto back_after = std::chrono::steady_clock::now() - killed;
  MESSAGE("serving again after ", std::chrono::duration_cast<std::chrono::milliseconds>(back_after).count(), " ms");
  CHECK(back_after < 1500ms);  // a 250 ms look plus HAProxy's start, with room for a loaded machine
  CHECK(testing::read_pid_file(stack.dir.path("haproxy.pid")) != master);
  CHECK(stack.skylrd.metric("skylr_haproxy_up") == 1);
  std::string how = victim == master ? "killed by signal 9 (Killed)" : "exited with status 137";
  CHECK(stack.skylrd.log().find(fmt::format("HAProxy master {} {}", master, how)) != std::string::npos);
  CHECK(stack.skylrd.status()["haproxy"]["restarts"].GetInt64() == 1);
  CHECK(haproxy_masters_of(stack.dir.path("haproxy.cfg")).size() == 1);
  if (marathon_down) stack.sim.start();
  CHECK(stack.in_sync(10s));
}

TEST_CASE("skylrd e2e: a deleted admin socket is brought back by a new master") {
  Stack stack(2);
  INFO("skylrd log:\n", stack.skylrd.log());
  REQUIRE(stack.in_sync());
  std::string admin_socket = stack.dir.path("admin.sock");
  double reloads = stack.skylrd.metric("skylr_reloads_total");
  REQUIRE(std::remove(admin_socket.c_str()) == 0);
  CHECK(testing::wait_until([&] { return access(admin_socket.c_str(), F_OK) == 0; }, 3s));
  CHECK(testing::wait_until([&] { return stack.skylrd.metric("skylr_haproxy_restarts_total") == 1; }, 3s));
  stack.sim.scale(3);  // a membership change goes through the Runtime API again, without a reload
  CHECK(stack.await_traffic(3, 5s) == "");
  CHECK(stack.skylrd.metric("skylr_reloads_total") == reloads);
  CHECK(stack.skylrd.metric("skylr_runtime_updates_total") >= 1);
}

TEST_CASE("skylrd e2e: a restarted skylrd leaves one HAProxy master even when the master socket is gone") {
  testing::TempDir dir;
  testing::HaproxyGuard guard;
  SimProcess sim(dir, 2);
  int service_port = 0;
  pid_t old_master = 0;
  {
    SkylrdProcess first(dir, sim.port(), {.stop_haproxy_on_exit = false}, guard);
    INFO("first skylrd log:\n", first.log());
    REQUIRE(testing::wait_until([&] { return first.healthy(); }, 10s));
    service_port = first.service_port();
    old_master = testing::read_pid_file(dir.path("haproxy.pid"));
    CHECK(first.stop() == 0);
  }
  guard.add(old_master);
  REQUIRE(std::remove(dir.path("master.sock").c_str()) == 0);
  SkylrdProcess second(dir, sim.port(), {.service_port = service_port}, guard);
  INFO("second skylrd log:\n", second.log());
  REQUIRE(testing::wait_until([&] { return second.healthy(); }, 10s));
  CHECK(testing::read_pid_file(dir.path("haproxy.pid")) != old_master);
  CHECK(testing::wait_for_exit(old_master, 10s));  // soft-stopped once the new master served
  CHECK(haproxy_masters_of(dir.path("haproxy.cfg")).size() == 1);
  sim.scale(3);
  CHECK(testing::wait_until([&] { return second.routed_tasks().size() == 3; }, 5s));
  CHECK(await_traffic(service_port, sim.running_tasks(), 3s) == "");
}

TEST_CASE("skylrd e2e: external mode reports a dead HAProxy and never starts one") {
  Stack stack(2, {.reload_mode = "external"});
  INFO("skylrd log:\n", stack.skylrd.log());
  REQUIRE(stack.in_sync());
  pid_t haproxy = testing::read_pid_file(stack.dir.path("haproxy.pid"));
  REQUIRE(haproxy > 0);
  REQUIRE(kill(haproxy, SIGKILL) == 0);
  CHECK(testing::wait_until(
      [&] {
        testing::HttpReply health = stack.skylrd.get("/health");
        return health.status == 503 && health.body.find("HAProxy is not serving") != std::string::npos;
      },
      3s));
  std::this_thread::sleep_for(1s);
  std::string answer = testing::http_get(stack.skylrd.service_port());
  CHECK_MESSAGE(answer.starts_with("failed"), "answer: ", answer, "; port ", stack.skylrd.service_port());
  CHECK(stack.skylrd.metric("skylr_haproxy_up") == 0);
  CHECK(stack.skylrd.metric("skylr_haproxy_restarts_total") == 0);
}

}  // namespace
}  // namespace skylr::e2e
