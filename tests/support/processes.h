// Processes for the programs that run Skylr's real binaries (the benchmarks, the soak):
// programs started in the background (killed with their process group when their owner
// goes away, so a failed run leaves nothing running), programs run to the end with their
// wall time and peak memory, whole files read and written, and the paths of the programs
// under test. Thread-compatible.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace skylr::testing {

// skylrd, skylrctl, marathon-sim of this build, and the HAProxy binary found at configure time.
std::string skylrd_path();
std::string skylrctl_path();
std::string marathon_sim_path();
std::string haproxy_path();

// Writes `text` to `path`; throws std::runtime_error when it cannot.
void write_file(const std::string& path, const std::string& text);

// The content of `path`, or "" when it cannot be read.
std::string read_file(const std::string& path);

// A program running in the background in its own process group, stdin from /dev/null,
// stdout and stderr to files. Destruction kills the group (SIGKILL) and reaps it.
class BackgroundProcess {
 public:
  // Starts `argv` (argv[0] a path); throws std::runtime_error when it cannot.
  BackgroundProcess(const std::vector<std::string>& argv, std::string stdout_path, std::string stderr_path);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return pid_; }

  // The first stdout line; throws std::runtime_error (with the program's stderr) when
  // none came within `timeout` or the program exited.
  std::string first_line(std::chrono::milliseconds timeout);

  // Sends `signo` (0: none) and waits up to `timeout` for the exit; true when it ended.
  bool stop(int signo, std::chrono::milliseconds timeout);

  // The exit code once the program ended (128 + the signal when a signal ended it), or
  // nullopt while it runs. Does not wait.
  std::optional<int> exit_code();

 private:
  bool reaped();

  pid_t pid_ = -1;
  bool exited_ = false;
  int exit_code_ = -1;
  std::string stdout_path_;
  std::string stderr_path_;
};

// The port at the end of a "<program> listening on HOST:PORT" line (the first stdout line
// of skylrd and marathon-sim); throws std::runtime_error when there is none.
int listening_port(const std::string& line);

// How a program run to its end went.
struct Finished {
  int exit_code = -1;      // 128 + the signal when a signal ended it
  double wall_ms = 0;      // from fork to reaping
  double cpu_ms = 0;       // the child's user + system time
  long peak_rss_kb = 0;    // the child's ru_maxrss
};

// Runs `argv` with stdout to `stdout_path` (stderr kept) and waits for it; throws
// std::runtime_error when it cannot start, or when it is still running after `timeout`
// (then it is killed with its process group first).
Finished run_to_end(const std::vector<std::string>& argv, const std::string& stdout_path,
                    std::chrono::milliseconds timeout = std::chrono::minutes(5));

// Raises this process's soft limit on open files to its hard limit, for itself and the
// programs it starts afterwards (which inherit it: HAProxy with thousands of listeners);
// returns the soft limit now in force.
long raise_open_files_limit();

}  // namespace skylr::testing
