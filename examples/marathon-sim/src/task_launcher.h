// TaskLauncher: gives simulated tasks their host ports. With real launching (--launch for
// every app, or the label MARATHON_SIM_LAUNCH for one) each task is a tiny HTTP server on
// 127.0.0.1 (bound to a free port, which becomes the task's ports[0]) answering GET / with
// "<appId> <taskId>\n"; its other ports are plain numbers. Without it every port is a
// number from 31000 up with nothing listening.
// Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace skylr::sim {

class TaskLauncher {
 public:
  // A launcher starting real servers when `launch_servers`; a stopped task's server
  // keeps answering for `kill_grace`.
  explicit TaskLauncher(bool launch_servers,
                        std::chrono::milliseconds kill_grace = std::chrono::milliseconds(0));

  // Stops every server still running.
  ~TaskLauncher();

  TaskLauncher(const TaskLauncher&) = delete;
  TaskLauncher& operator=(const TaskLauncher&) = delete;

  // `port_count` (at least 1) host ports for the new task `task_id` of `app_id`, starting
  // its server when launching every task or when `serve` (the app asks for it). A server
  // that cannot bind falls back to a plain number.
  std::vector<int> start(const std::string& app_id, const std::string& task_id, std::size_t port_count,
                         bool serve = false);

  // Stops the server of `task_id`, if any: at once without a grace period (waiting for it
  // to end), else once reap() runs after the grace period.
  void stop(const std::string& task_id);

  // Stops the servers whose grace period has passed.
  void reap();

 private:
  struct TaskServer;
  int next_number();

  const bool launch_servers_;
  const std::chrono::milliseconds kill_grace_;
  std::mutex mutex_;
  int next_port_ = 31000;
  std::map<std::string, std::unique_ptr<TaskServer>> servers_;
  std::multimap<std::chrono::steady_clock::time_point, std::unique_ptr<TaskServer>> dying_;
};

}  // namespace skylr::sim
