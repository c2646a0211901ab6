// The real marathon-sim binary: started with --port 0, its first stdout line read, queried
// over HTTP, stopped with SIGTERM. Every wait is bounded; the process is always reaped.
#include <doctest/doctest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>

#include "sim_fixture.h"

extern char** environ;

namespace skylr::sim::testing {
namespace {

// A child process with its stdout on a pipe; killed and reaped by the destructor.
class Child {
 public:
  explicit Child(std::vector<std::string> args) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    out_ = fds[0];
    REQUIRE(rc == 0);
  }

  ~Child() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(out_);
  }

  // The first line of stdout, or "" when none came within `timeout`.
  std::string first_line(std::chrono::milliseconds timeout) {
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (line.find('\n') == std::string::npos) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      pollfd fd{out_, POLLIN, 0};
      if (left.count() <= 0 || poll(&fd, 1, static_cast<int>(left.count())) <= 0) return "";
      char buffer[256];
      auto n = read(out_, buffer, sizeof buffer);
      if (n <= 0) return "";
      line.append(buffer, static_cast<std::size_t>(n));
    }
    return line.substr(0, line.find('\n'));
  }

  // The exit status after waiting up to `timeout`, or -1 (the child is then killed).
  int wait_exit(std::chrono::milliseconds timeout) {
    int status = 0;
    bool exited = eventually([&] { return waitpid(pid_, &status, WNOHANG) == pid_; }, timeout);
    if (!exited) return -1;
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  void signal(int number) { kill(pid_, number); }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
};

}  // namespace

TEST_CASE("skylr::sim::marathon-sim binary") {
  SUBCASE("--port 0 prints the port, serves, and stops cleanly on SIGTERM") {
    Child sim({MARATHON_SIM_BINARY, "--port", "0", "--stage-ms", "0", "--apps",
               std::string(SIM_TEST_DATA_DIR) + "/apps.json"});
    auto line = sim.first_line(5000ms);
    std::smatch match;
    REQUIRE_MESSAGE(std::regex_match(line, match, std::regex(R"(marathon-sim listening on 127\.0\.0\.1:(\d+))")), line);
    httplib::Client client("127.0.0.1", std::stoi(match[1].str()));
    client.set_read_timeout(3, 0);
    auto ping = client.Get("/ping");
    REQUIRE(ping);
    CHECK(ping->body == "pong");
    auto apps = client.Get("/v2/apps");
    REQUIRE(apps);
    CHECK(ids(at(parse(apps->body), "apps")) == std::vector<std::string>{"/batch", "/shop/api", "/web"});
    sim.signal(SIGTERM);
    CHECK(sim.wait_exit(5000ms) == 0);
  }
  SUBCASE("a non-loopback --host is refused") {
    Child sim({MARATHON_SIM_BINARY, "--host", "0.0.0.0", "--port", "0"});
    CHECK(sim.first_line(5000ms).empty());
    CHECK(sim.wait_exit(5000ms) == 1);
  }
}

}  // namespace skylr::sim::testing
