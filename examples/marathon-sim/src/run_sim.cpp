#include "run_sim.h"

#include <fmt/format.h>
#include <pthread.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "sim_server.h"
#include "standby_server.h"

namespace skylr::sim {
namespace {

Status load_apps_file(SimServer& server, const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error{fmt::format("{}: cannot open", path)};
  std::ostringstream text;
  text << file.rdbuf();
  return server.load_apps(text.str(), path);
}

// Binds `server`, prints the listening line and serves until SIGINT/SIGTERM (blocked in
// `signals`); the exit code.
template <typename Server>
int serve(Server& server, sigset_t signals) {
  auto port = server.bind();
  if (!port) {
    fmt::print(stderr, "marathon-sim: {}\n", port.error().message);
    return 1;
  }
  fmt::print("marathon-sim listening on {}\n", server.address());
  std::fflush(stdout);

  std::atomic<bool> signalled{false};
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    signalled = true;
    server.stop();
  });
  bool served = server.listen();
  if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return served ? 0 : 1;
}

}  // namespace

int run_sim(const SimOptions& options) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  if (!options.standby_of.empty()) {
    StandbyServer standby(options);
    return serve(standby, signals);
  }
  SimServer server(options);
  if (!options.apps_file.empty()) {
    if (auto status = load_apps_file(server, options.apps_file); !status) {
      fmt::print(stderr, "marathon-sim: {}\n", status.error().message);
      return 1;
    }
  }
  return serve(server, signals);
}

}  // namespace skylr::sim
