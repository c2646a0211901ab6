// FakeControlSocket: a ControlSocket for tests that talks to no HAProxy. Answers are
// scripted per command text ("show proc", "reload"); the last one queued repeats, and
// every call is recorded. Thread-safe.
#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "skylr/control_socket.h"

namespace skylr::testing {

class FakeControlSocket final : public ControlSocket {
 public:
  // Queues the answer to the next `command`; unscripted commands fail as if nothing
  // listened on the socket.
  void script(const std::string& command, Result<std::string> answer) {
    std::lock_guard lock(mutex_);
    scripts_[command].push_back(std::move(answer));
  }

  // Drops the answers queued for `command`, so that the next script() decides alone.
  void forget(const std::string& command) {
    std::lock_guard lock(mutex_);
    scripts_.erase(command);
  }

  // The commands sent so far, in order.
  std::vector<std::string> commands() const {
    std::lock_guard lock(mutex_);
    return commands_;
  }

  Result<std::string> command(const std::string& socket_path,
                              const std::string& command) override {
    std::lock_guard lock(mutex_);
    commands_.push_back(command);
    auto script = scripts_.find(command);
    if (script == scripts_.end()) {
      return Error{fmt::format("cannot connect to {}: Connection refused", socket_path)};
    }
    Result<std::string> answer = script->second.front();
    if (script->second.size() > 1) script->second.pop_front();
    return answer;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::deque<Result<std::string>>> scripts_;
  std::vector<std::string> commands_;
};

}  // namespace skylr::testing
