// FakeHaproxyControl: a HaproxyControl for tests of its users (the apply pipeline). It
// counts calls and answers with scripted results; the last one queued repeats, and
// unscripted calls succeed without warnings. Thread-compatible.
#pragma once

#include <deque>

#include "haproxy/control.h"

namespace skylr::testing {

class FakeHaproxyControl final : public haproxy::HaproxyControl {
 public:
  // Queues the answer of the next reload() / ensure_running().
  void script_reload(Result<haproxy::ControlWarnings> answer) { reloads_.push_back(std::move(answer)); }
  void script_ensure_running(Result<haproxy::ControlWarnings> answer) {
    ensures_.push_back(std::move(answer));
  }

  // How often each call was made.
  int reload_calls = 0;
  int ensure_running_calls = 0;
  int stop_calls = 0;

  Result<haproxy::ControlWarnings> ensure_running() override {
    ++ensure_running_calls;
    return next(ensures_);
  }

  Result<haproxy::ControlWarnings> reload() override {
    ++reload_calls;
    return next(reloads_);
  }

  Status stop() override {
    ++stop_calls;
    return {};
  }

  // What supervise() answers.
  SupervisionReport supervision{true, false, "", {}};
  int supervise_calls = 0;

  SupervisionReport supervise() override {
    ++supervise_calls;
    return supervision;
  }

 private:
  static Result<haproxy::ControlWarnings> next(std::deque<Result<haproxy::ControlWarnings>>& queue) {
    if (queue.empty()) return haproxy::ControlWarnings{};
    Result<haproxy::ControlWarnings> answer = queue.front();
    if (queue.size() > 1) queue.pop_front();
    return answer;
  }

  std::deque<Result<haproxy::ControlWarnings>> reloads_;
  std::deque<Result<haproxy::ControlWarnings>> ensures_;
};

}  // namespace skylr::testing
