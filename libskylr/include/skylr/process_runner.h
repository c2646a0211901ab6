// ProcessRunner: starting and signalling programs (haproxy -c, HAProxy itself), behind
// an interface so that tests inject failures. Implementations are thread-safe.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "skylr/result.h"

namespace skylr {

// How a finished program ended.
struct ProcessOutcome {
  int exit_code = -1;  // -1 when killed by a signal or timed out
  bool timed_out = false;
  std::string output;  // stdout and stderr, interleaved, cut at 64 KiB
};

// A running process as the host lists it.
struct ProcessEntry {
  pid_t pid = 0;
  pid_t parent = 0;
  std::vector<std::string> argv;  // its command line
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;

  // Runs argv[0] (looked up in PATH when it has no '/') with argv and waits at most
  // `timeout`, killing it then. Fails only when the program cannot be started.
  virtual Result<ProcessOutcome> run(const std::vector<std::string>& argv,
                                     std::chrono::milliseconds timeout) = 0;

  // Starts a long-running program in its own process group; returns its pid.
  virtual Result<pid_t> spawn(const std::vector<std::string>& argv) = 0;

  // True while `pid` exists and has not been reaped; reaps it when it has exited.
  virtual bool is_running(pid_t pid) = 0;

  // The executable name of `pid` (from /proc), or an error when there is no such process.
  virtual Result<std::string> executable_name(pid_t pid) = 0;

  // Every running process whose executable name starts with `name`, whoever started it.
  virtual std::vector<ProcessEntry> find_processes(std::string_view name) = 0;

  // How the spawned child `pid`, once is_running() found it gone, ended: "exited with
  // status 1" or "killed by signal 9 (Killed)"; empty when not known.
  virtual std::string exit_reason(pid_t pid) = 0;

  // Sends signal `signo` to `pid`.
  virtual Status send_signal(pid_t pid, int signo) = 0;
};

// The process-wide POSIX ProcessRunner: fork and exec (Linux: executable names from
// /proc). Children run in their own process group with stdin from /dev/null and the
// parent's signal mask and ignored signals reset. It remembers the pids it spawned so
// that is_running() can reap them. Thread-safe.
ProcessRunner& default_process_runner();

// Receives one line a spawned program wrote on stdout or stderr, without its line end.
using OutputLineSink = std::function<void(std::string_view line)>;

// A POSIX ProcessRunner like default_process_runner(), except that the programs it
// spawns write stdout and stderr into a pipe instead of the caller's: a thread per
// program reads it line by line into (a copy of) `sink` (lines over 4 KiB in pieces),
// until the program and the children it started have all closed it. Thread-safe.
std::unique_ptr<ProcessRunner> piped_process_runner(OutputLineSink sink);

}  // namespace skylr
