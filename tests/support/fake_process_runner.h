// FakeProcessRunner: a ProcessRunner for tests that runs nothing. run() answers with
// outcomes scripted per program ("haproxy -c fails"), spawn() hands out fake pids that
// stay running until a terminating signal or end(), and every call is recorded.
// Programs are keyed by the base name of argv[0]. Thread-safe.
#pragma once

#include <csignal>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "skylr/process_runner.h"

namespace skylr::testing {

class FakeProcessRunner final : public ProcessRunner {
 public:
  // Queues the answer of the next run() of `program`; the last one queued repeats.
  // Unscripted programs exit 0 with no output.
  void script(const std::string& program, Result<ProcessOutcome> outcome) {
    std::lock_guard lock(mutex_);
    scripts_[program].push_back(std::move(outcome));
  }

  // Calls `hook` with the argv of every later run() of `program` before it answers, to
  // fake the program's side effects (e.g. HAProxy writing its pid file). The hook may
  // call this runner.
  using RunHook = std::function<void(const std::vector<std::string>& argv)>;
  void on_run(const std::string& program, RunHook hook) {
    std::lock_guard lock(mutex_);
    hooks_[program] = std::move(hook);
  }

  // Makes spawn() fail with `message` (empty: succeed).
  void fail_spawn(std::string message) {
    std::lock_guard lock(mutex_);
    spawn_error_ = std::move(message);
  }

  // Declares a running process not started by this runner, e.g. one named in a pid file,
  // with its command line and parent.
  void add_process(pid_t pid, std::string name, std::vector<std::string> argv = {}, pid_t parent = 1) {
    std::lock_guard lock(mutex_);
    running_[pid] = std::move(name);
    entries_[pid] = ProcessEntry{pid, parent, std::move(argv)};
  }

  // Makes `pid` exit, as if it crashed, ending as `reason` says.
  void end(pid_t pid, std::string reason = "killed by signal 9 (Killed)") {
    std::lock_guard lock(mutex_);
    running_.erase(pid);
    exit_reasons_[pid] = std::move(reason);
  }

  // The calls made so far.
  std::vector<std::vector<std::string>> runs() const { return locked(runs_); }
  std::vector<std::vector<std::string>> spawns() const { return locked(spawns_); }
  std::vector<std::pair<pid_t, int>> signals() const { return locked(signals_); }

  Result<ProcessOutcome> run(const std::vector<std::string>& argv,
                             std::chrono::milliseconds) override {
    RunHook hook;
    {
      std::lock_guard lock(mutex_);
      runs_.push_back(argv);
      auto found = hooks_.find(base_name(argv.at(0)));
      if (found != hooks_.end()) hook = found->second;
    }
    if (hook) hook(argv);
    std::lock_guard lock(mutex_);
    auto script = scripts_.find(base_name(argv.at(0)));
    if (script == scripts_.end()) return ProcessOutcome{0, false, ""};
    Result<ProcessOutcome> outcome = script->second.front();
    if (script->second.size() > 1) script->second.pop_front();
    return outcome;
  }

  Result<pid_t> spawn(const std::vector<std::string>& argv) override {
    std::lock_guard lock(mutex_);
    spawns_.push_back(argv);
    if (!spawn_error_.empty()) return Error{spawn_error_};
    pid_t pid = next_pid_++;
    running_[pid] = base_name(argv.at(0));
    entries_[pid] = ProcessEntry{pid, 1, argv};
    return pid;
  }

  bool is_running(pid_t pid) override {
    std::lock_guard lock(mutex_);
    return running_.contains(pid);
  }

  Result<std::string> executable_name(pid_t pid) override {
    std::lock_guard lock(mutex_);
    auto process = running_.find(pid);
    if (process == running_.end()) return Error{fmt::format("no process {}", pid)};
    return process->second;
  }

  std::vector<ProcessEntry> find_processes(std::string_view name) override {
    std::lock_guard lock(mutex_);
    std::vector<ProcessEntry> found;
    for (const auto& [pid, executable] : running_) {
      if (executable.starts_with(name)) found.push_back(entries_[pid]);
    }
    return found;
  }

  std::string exit_reason(pid_t pid) override {
    std::lock_guard lock(mutex_);
    auto found = exit_reasons_.find(pid);
    return found == exit_reasons_.end() ? "" : found->second;
  }

  Status send_signal(pid_t pid, int signo) override {
    std::lock_guard lock(mutex_);
    signals_.emplace_back(pid, signo);
    if (!running_.contains(pid)) {
      return Error{
          fmt::format("cannot send SIG{} to {}: No such process", sigabbrev_np(signo), pid)};
    }
    if (signo == SIGTERM || signo == SIGKILL || signo == SIGINT) {
      running_.erase(pid);
      exit_reasons_[pid] = fmt::format("killed by signal {} ({})", signo, sigdescr_np(signo));
    }
    return {};
  }

 private:
  static std::string base_name(const std::string& path) {
    return path.substr(path.rfind('/') + 1);
  }

  template <typename T>
  T locked(const T& value) const {
    std::lock_guard lock(mutex_);
    return value;
  }

  mutable std::mutex mutex_;
  std::map<std::string, std::deque<Result<ProcessOutcome>>> scripts_;
  std::map<std::string, RunHook> hooks_;
  std::string spawn_error_;
  std::map<pid_t, std::string> running_;
  std::map<pid_t, ProcessEntry> entries_;
  std::map<pid_t, std::string> exit_reasons_;
  pid_t next_pid_ = 1000;
  std::vector<std::vector<std::string>> runs_;
  std::vector<std::vector<std::string>> spawns_;
  std::vector<std::pair<pid_t, int>> signals_;
};

}  // namespace skylr::testing
