// One skylrd per config: a second skylrd with the same config (the same config_destination)
// exits at once naming the first's pid, and one with another config but the same listen
// address exits with the OS's reason; the first keeps serving either way.
#include <algorithm>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "e2e_stack.h"

namespace skylr::e2e {
namespace {

// Runs skylrd with `args` until it exits (at most 10 s): its exit code and stderr.
std::pair<int, std::string> run_second(const testing::TempDir& dir, std::vector<std::string> args) {
  args.insert(args.begin(), SKYLRD_BINARY);
  testing::ChildProcess second(args, dir.path("second.out"), dir.path("second.log"));
  bool exited = testing::wait_until([&] { return !second.running(); }, 10s);
  int code = second.stop(SIGTERM, 5s);
  return {exited ? code : -1, second.error_output()};
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// `text` with every occurrence of `from` replaced by `to`.
std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

TEST_CASE("skylrd e2e: a second skylrd with the same config exits, naming the first's pid") {
  Stack stack(1);
  REQUIRE(stack.in_sync());
  auto [code, log] = run_second(stack.dir, {"--config", stack.skylrd.config_path(), "--listen", "127.0.0.1:0"});
  CHECK(code == 1);
  CHECK(std::count(log.begin(), log.end(), '\n') == 1);
  CHECK(log.ends_with(fmt::format("Z error another skylrd (pid {}) already manages {} (lock {}.lock)\n",
                                  stack.skylrd.pid(), stack.dir.path("haproxy.cfg"), stack.dir.path("haproxy.cfg"))));
  CHECK(stack.skylrd.running());
  CHECK(stack.in_sync());
}

TEST_CASE("skylrd e2e: a second skylrd on the same listen address exits with the OS's reason") {
  Stack stack(1);
  REQUIRE(stack.in_sync());
  testing::TempDir other;  // another config_destination, pid file and sockets
  std::string config = replace_all(read_text(stack.skylrd.config_path()), stack.dir.path(""),
                                   other.path(""));
  std::ofstream(other.path("skylr.json")) << config;
  std::string listen = fmt::format("127.0.0.1:{}", stack.skylrd.port());
  auto [code, log] = run_second(other, {"--config", other.path("skylr.json"), "--listen", listen});
  CHECK(code == 1);
  // One log line: "<time> error cannot listen on ...".
  CHECK(std::count(log.begin(), log.end(), '\n') == 1);
  CHECK(log.ends_with(fmt::format("Z error cannot listen on {}: Address already in use\n", listen)));
  CHECK(stack.in_sync());
}

}  // namespace
}  // namespace skylr::e2e
