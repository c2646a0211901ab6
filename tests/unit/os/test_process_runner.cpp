#include <unistd.h>

#include <climits>
#include <csignal>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "skylr/process_runner.h"

namespace skylr {
namespace {

using namespace std::chrono_literals;

// Polls is_running(pid) until it turns false; false when it is still running after 2 s.
bool ends_within_2s(ProcessRunner& runner, pid_t pid) {
  for (int i = 0; i < 200; ++i) {
    if (!runner.is_running(pid)) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

}  // namespace

TEST_CASE("skylr::posix_process_runner run") {
  ProcessRunner& runner = default_process_runner();
  struct Case {
    std::vector<std::string> argv;
    int exit_code;
    std::string output;
  };
  const Case cases[] = {
      {{"true"}, 0, ""},
      {{"false"}, 1, ""},
      {{"sh", "-c", "exit 3"}, 3, ""},
      {{"sh", "-c", "echo out; echo err >&2"}, 0, "out\nerr\n"},
      {{"cat"}, 0, ""},  // stdin is /dev/null
      {{"sh", "-c", "kill -9 $$"}, -1, ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.argv[0]);
    auto outcome = runner.run(c.argv, 5s);
    REQUIRE(outcome.ok());
    CHECK(outcome->exit_code == c.exit_code);
    CHECK(outcome->output == c.output);
    CHECK_FALSE(outcome->timed_out);
  }
  SUBCASE("output is cut at 64 KiB") {
    auto outcome = runner.run({"head", "-c", "100000", "/dev/zero"}, 5s);
    REQUIRE(outcome.ok());
    CHECK(outcome->exit_code == 0);
    CHECK(outcome->output == std::string(65536, '\0'));
  }
  SUBCASE("a program past its timeout is killed with its process group") {
    auto started = std::chrono::steady_clock::now();
    auto outcome = runner.run({"sh", "-c", "echo begun; sleep 10 & wait"}, 200ms);
    auto took = std::chrono::steady_clock::now() - started;
    REQUIRE(outcome.ok());
    CHECK(outcome->timed_out);
    CHECK(outcome->exit_code == -1);
    CHECK(outcome->output == "begun\n");
    CHECK(took >= 200ms);
    CHECK(took < 2s);
  }
  SUBCASE("a missing program cannot start") {
    auto outcome = runner.run({"skylr-no-such-program", "-c"}, 1s);
    REQUIRE_FALSE(outcome.ok());
    CHECK(outcome.error().message == "cannot start skylr-no-such-program: No such file or directory");
    CHECK(runner.run({"/tmp"}, 1s).error().message ==
          "cannot start /tmp: Permission denied");
    CHECK(runner.run({}, 1s).error().message == "cannot start an empty command");
  }
}

TEST_CASE("skylr::posix_process_runner spawn") {
  ProcessRunner& runner = default_process_runner();
  SUBCASE("spawn, signal, reap") {
    auto pid = runner.spawn({"sleep", "10"});
    REQUIRE(pid.ok());
    CHECK(::getpgid(*pid) == *pid);
    CHECK(runner.is_running(*pid));
    CHECK(*runner.executable_name(*pid) == "sleep");
    CHECK(runner.send_signal(*pid, SIGTERM).ok());
    CHECK(ends_within_2s(runner, *pid));
    CHECK(runner.executable_name(*pid).error().message == fmt::format("no process {}", *pid));
    CHECK(runner.send_signal(*pid, SIGTERM).error().message ==
          fmt::format("cannot send SIGTERM to {}: No such process", *pid));
  }
  SUBCASE("a missing program cannot start") {
    CHECK(runner.spawn({"skylr-no-such-program"}).error().message ==
          "cannot start skylr-no-such-program: No such file or directory");
  }
  SUBCASE("processes it did not start") {
    CHECK(runner.is_running(::getpid()));
    CHECK_FALSE(runner.is_running(INT_MAX));
    CHECK(*runner.executable_name(::getpid()) == "skylr_unit_tests");
    CHECK(runner.executable_name(INT_MAX).error().message == fmt::format("no process {}", INT_MAX));
  }
  SUBCASE("the name of a program whose file was replaced since it started") {
    std::string copy = fmt::format("/tmp/skylr-sleep-{}", ::getpid());
    std::filesystem::copy_file("/bin/sleep", copy);
    std::filesystem::permissions(copy, std::filesystem::perms::owner_all);
    auto pid = runner.spawn({copy, "10"});
    std::filesystem::remove(copy);
    REQUIRE(pid.ok());
    CHECK(*runner.executable_name(*pid) == fmt::format("skylr-sleep-{}", ::getpid()));
    CHECK(runner.send_signal(*pid, SIGKILL).ok());
    CHECK(ends_within_2s(runner, *pid));
  }
}

TEST_CASE("skylr::piped_process_runner") {
  std::mutex mutex;
  std::vector<std::string> lines;
  std::unique_ptr<ProcessRunner> runner = piped_process_runner([&](std::string_view line) {
    std::lock_guard lock(mutex);
    lines.emplace_back(line);
  });
  auto taken = [&] {
    std::lock_guard lock(mutex);
    return lines;
  };
  SUBCASE("stdout and stderr of a spawned program and of its children, line by line") {
    auto pid = runner->spawn(
        {"sh", "-c", "echo '[NOTICE] one'; echo '[WARNING] two' >&2; (sleep 0.1; printf 'a child, unfinished') &"});
    REQUIRE(pid.ok());
    CHECK(ends_within_2s(*runner, *pid));
    for (int i = 0; i < 200 && taken().size() < 3; ++i) std::this_thread::sleep_for(10ms);
    CHECK(taken() == std::vector<std::string>{"[NOTICE] one", "[WARNING] two", "a child, unfinished"});
  }
  SUBCASE("a line over 4 KiB comes in pieces") {
    auto pid = runner->spawn({"sh", "-c", "head -c 9000 /dev/zero | tr '\\0' x; echo"});
    REQUIRE(pid.ok());
    CHECK(ends_within_2s(*runner, *pid));
    for (int i = 0; i < 200 && taken().size() < 3; ++i) std::this_thread::sleep_for(10ms);
    std::vector<std::string> got = taken();
    REQUIRE(got.size() == 3);
    CHECK(got[0] == std::string(4096, 'x'));
    CHECK(got[1] == std::string(4096, 'x'));
    CHECK(got[2] == std::string(808, 'x'));
  }
  SUBCASE("run() still collects the output itself") {
    auto outcome = runner->run({"sh", "-c", "echo collected"}, 5s);
    REQUIRE(outcome.ok());
    CHECK(outcome->output == "collected\n");
    CHECK(taken().empty());
  }
}

}  // namespace skylr
