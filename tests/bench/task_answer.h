// A request through HAProxy to a marathon-sim task server (--launch, or the app label
// MARATHON_SIM_LAUNCH), which answers GET / with "<appId> <taskId>\n": who answered. For
// the benchmarks that poll until traffic reaches a task. Thread-safe.
#pragma once

#include <optional>
#include <string>

namespace skylr::bench {

// The app and task a task server names.
struct TaskAnswer {
  std::string app_id;
  std::string task_id;
};

// GET / on 127.0.0.1:`port` on a fresh connection (1 s timeouts): the app and task that
// answered 200, or nullopt when no task server did.
std::optional<TaskAnswer> ask_task_server(int port);

}  // namespace skylr::bench
