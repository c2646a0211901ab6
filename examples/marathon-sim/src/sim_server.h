// SimServer: a whole simulated Marathon — state, event bus, task launcher, HTTP routes and
// the background thread that moves time forward — behind bind/listen/stop, so that
// main() and tests start it the same way. stop() is thread-safe; the rest is meant for one
// owning thread.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <mutex>
#include <string_view>
#include <thread>

#include "event_bus.h"
#include "route_util.h"
#include "sim_options.h"
#include "sim_state.h"
#include "skylr/result.h"
#include "task_launcher.h"

namespace skylr::sim {

class SimServer {
 public:
  // A simulator configured by `options` (host, port, delays, launching, credentials); the
  // apps file is not read here (see load_apps).
  explicit SimServer(SimOptions options);

  // Stops serving and every task server.
  ~SimServer();

  SimServer(const SimServer&) = delete;
  SimServer& operator=(const SimServer&) = delete;

  // Adds the apps of the JSON text `json` ({"apps":[...]}) with their tasks running.
  // Fails with a message naming `what` and the problem.
  Status load_apps(std::string_view json, std::string_view what);

  // Binds the listening socket (options.port 0: a free port); the port, or an error.
  Result<int> bind();

  // "host:port" (IPv6 hosts in brackets) once bound, as /v2/leader answers it.
  const std::string& address() const;

  // Serves requests until stop(); false when serving failed. Call after bind().
  bool listen();

  // Closes event streams and stops listen(). Safe from any thread and signal-waiting code.
  void stop();

  // True while listen() serves.
  bool is_running() const;

 private:
  void tick_loop();

  const SimOptions options_;
  EventBus bus_;
  TaskLauncher launcher_;
  SimState state_;
  RouteContext context_;
  std::string address_;
  httplib::Server http_;
  std::mutex tick_mutex_;
  std::condition_variable tick_stop_;
  bool ticking_ = true;
  std::thread ticker_;
};

}  // namespace skylr::sim
