// default_process_runner(): fork + execvp with a close-on-exec pipe that reports a failed
// exec, so "cannot start X: No such file or directory" is told apart from a program
// that ran and failed. run() reads stdout and stderr through one pipe until the deadline,
// then kills the child's whole process group. A piped runner's spawned programs write into
// a pipe that a detached thread reads into its sink.
#include "skylr/process_runner.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>
#include <thread>

#include <fmt/format.h>

#include "skylr/file_system.h"

namespace skylr {

namespace {

constexpr std::size_t kMaxOutput = 64 * 1024;

using Clock = std::chrono::steady_clock;

// In the forked child (async-signal-safe calls only): sets up and execs, or reports
// errno through `error_fd` and exits.
[[noreturn]] void exec_child(char* const* argv, int output_fd, int error_fd) {
  ::setpgid(0, 0);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int signo = 1; signo < NSIG; ++signo) ::signal(signo, SIG_DFL);
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
  if (output_fd >= 0) {
    ::dup2(output_fd, STDOUT_FILENO);
    ::dup2(output_fd, STDERR_FILENO);
  }
  ::execvp(argv[0], argv);
  int err = errno;
  [[maybe_unused]] ssize_t ignored = ::write(error_fd, &err, sizeof err);
  ::_exit(127);
}

Error start_error(const std::vector<std::string>& argv, int err) {
  return Error{fmt::format("cannot start {}: {}", argv[0], std::strerror(err))};
}

// Forks and execs `argv` with stdout and stderr on `output_fd` (inherited when -1);
// fails when the fork or the exec fails.
Result<pid_t> start(const std::vector<std::string>& argv, int output_fd) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  int error_pipe[2];
  if (::pipe2(error_pipe, O_CLOEXEC) != 0) return start_error(argv, errno);
  pid_t pid = ::fork();
  if (pid == 0) exec_child(args.data(), output_fd, error_pipe[1]);
  int fork_errno = errno;
  ::close(error_pipe[1]);
  if (pid < 0) {
    ::close(error_pipe[0]);
    return start_error(argv, fork_errno);
  }
  ::setpgid(pid, pid);  // also here, so that a kill of the group cannot miss it
  int exec_errno = 0;
  ssize_t got;
  do got = ::read(error_pipe[0], &exec_errno, sizeof exec_errno);
  while (got < 0 && errno == EINTR);
  ::close(error_pipe[0]);
  if (got <= 0) return pid;
  ::waitpid(pid, nullptr, 0);
  return start_error(argv, exec_errno);
}

constexpr std::size_t kMaxLine = 4096;

// Calls `sink` with `line` in pieces of at most kMaxLine bytes (once for an empty line).
void emit_line(std::string_view line, const OutputLineSink& sink) {
  do {
    sink(line.substr(0, kMaxLine));
    line.remove_prefix(std::min(line.size(), kMaxLine));
  } while (!line.empty());
}

// Reads `fd` until end of file, calling `sink` for each line (without its end; a line of
// more than kMaxLine bytes in pieces, the first ones as soon as they are read), then
// closes it.
void forward_lines(int fd, const OutputLineSink& sink) {
  std::string pending;
  char buffer[8192];
  for (;;) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    pending.append(buffer, static_cast<std::size_t>(got));
    std::size_t start = 0;
    for (std::size_t end; (end = pending.find('\n', start)) != std::string::npos; start = end + 1) {
      emit_line(std::string_view(pending).substr(start, end - start), sink);
    }
    for (; pending.size() - start > kMaxLine; start += kMaxLine) {
      sink(std::string_view(pending).substr(start, kMaxLine));
    }
    pending.erase(0, start);
  }
  if (!pending.empty()) emit_line(pending, sink);
  ::close(fd);
}

// Reads `fd` into `output` (keeping the first kMaxOutput bytes) until end of file;
// false when `deadline` passes first.
bool collect_output(int fd, Clock::time_point deadline, std::string& output) {
  char buffer[8192];
  for (;;) {
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd entry{fd, POLLIN, 0};
    int ready = ::poll(&entry, 1, static_cast<int>(left.count()));
    if (ready <= 0) continue;  // timeout or EINTR: the loop checks the deadline
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return true;
    std::size_t room = kMaxOutput - output.size();
    output.append(buffer, std::min(room, static_cast<std::size_t>(got)));
  }
}

// "exited with status 1" or "killed by signal 9 (Killed)" for a waitpid() status.
std::string describe_wait_status(int status) {
  if (WIFEXITED(status)) return fmt::format("exited with status {}", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    return fmt::format("killed by signal {} ({})", WTERMSIG(status), strsignal(WTERMSIG(status)));
  }
  return "ended";
}

// True when `pid` has exited but its parent has not reaped it (state Z in /proc): a
// process that no longer runs, although kill(pid, 0) still finds it.
bool is_zombie(pid_t pid) {
  Result<std::string> stat = default_file_system().read_file(fmt::format("/proc/{}/stat", pid));
  std::size_t close = stat.ok() ? stat->rfind(')') : std::string::npos;
  return close != std::string::npos && close + 2 < stat->size() && (*stat)[close + 2] == 'Z';
}

// Every pid listed in /proc.
std::vector<pid_t> all_pids() {
  std::vector<pid_t> pids;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return pids;
  while (dirent* entry = ::readdir(proc)) {
    pid_t pid = 0;
    std::string_view name = entry->d_name;
    auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), pid);
    if (error == std::errc() && end == name.data() + name.size() && pid > 0) pids.push_back(pid);
  }
  ::closedir(proc);
  return pids;
}

// `pid`'s parent (from /proc/<pid>/stat, after the parenthesised command name) and
// command line (/proc/<pid>/cmdline, NUL-separated); nullopt when it is gone.
std::optional<ProcessEntry> read_entry(pid_t pid) {
  FileSystem& fs = default_file_system();
  Result<std::string> stat = fs.read_file(fmt::format("/proc/{}/stat", pid));
  Result<std::string> cmdline = fs.read_file(fmt::format("/proc/{}/cmdline", pid));
  if (!stat.ok() || !cmdline.ok()) return std::nullopt;
  std::size_t close = stat->rfind(')');
  if (close == std::string::npos) return std::nullopt;
  ProcessEntry entry{pid, 0, {}};
  int parent = 0;
  if (std::sscanf(stat->c_str() + close + 1, " %*c %d", &parent) != 1) return std::nullopt;
  entry.parent = parent;
  std::string_view rest = *cmdline;
  while (!rest.empty()) {
    std::size_t end = rest.find('\0');
    entry.argv.emplace_back(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  return entry;
}

// Waits for `pid` to exit, storing its wait status; false when `deadline` passes first.
bool wait_until(pid_t pid, Clock::time_point deadline, int& status) {
  for (;;) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

class PosixProcessRunner final : public ProcessRunner {
 public:
  // `sink` empty: spawned programs inherit the caller's stdout and stderr.
  explicit PosixProcessRunner(OutputLineSink sink = {}) : sink_(std::move(sink)) {}

  Result<ProcessOutcome> run(const std::vector<std::string>& argv,
                             std::chrono::milliseconds timeout) override {
    if (argv.empty()) return Error{"cannot start an empty command"};
    int output_pipe[2];
    if (::pipe2(output_pipe, O_CLOEXEC) != 0) return start_error(argv, errno);
    Result<pid_t> pid = start(argv, output_pipe[1]);
    ::close(output_pipe[1]);
    ProcessOutcome outcome;
    Clock::time_point deadline = Clock::now() + timeout;
    bool in_time = pid.ok() && collect_output(output_pipe[0], deadline, outcome.output);
    ::close(output_pipe[0]);
    if (!pid.ok()) return pid.error();
    int status = 0;
    if (!in_time || !wait_until(*pid, deadline, status)) {
      ::kill(-*pid, SIGKILL);
      ::waitpid(*pid, nullptr, 0);
      outcome.timed_out = true;
      return outcome;
    }
    if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
    return outcome;
  }

  Result<pid_t> spawn(const std::vector<std::string>& argv) override {
    if (argv.empty()) return Error{"cannot start an empty command"};
    int output_pipe[2] = {-1, -1};
    if (sink_ && ::pipe2(output_pipe, O_CLOEXEC) != 0) return start_error(argv, errno);
    Result<pid_t> pid = start(argv, output_pipe[1]);
    if (sink_) {
      ::close(output_pipe[1]);
      std::thread(forward_lines, output_pipe[0], sink_).detach();
    }
    if (pid.ok()) {
      std::lock_guard lock(mutex_);
      children_.insert(*pid);
    }
    return pid;
  }

  bool is_running(pid_t pid) override {
    std::unique_lock lock(mutex_);
    if (!children_.contains(pid)) {
      lock.unlock();
      return (::kill(pid, 0) == 0 || errno == EPERM) && !is_zombie(pid);
    }
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == 0) return true;
    children_.erase(pid);
    exit_reasons_[pid] = describe_wait_status(status);
    return false;
  }

  std::string exit_reason(pid_t pid) override {
    std::lock_guard lock(mutex_);
    auto found = exit_reasons_.find(pid);
    return found == exit_reasons_.end() ? "" : found->second;
  }

  std::vector<ProcessEntry> find_processes(std::string_view name) override {
    std::vector<ProcessEntry> found;
    for (pid_t pid : all_pids()) {
      Result<std::string> executable = executable_name(pid);
      if (!executable.ok() || !executable->starts_with(name)) continue;
      std::optional<ProcessEntry> entry = read_entry(pid);
      if (entry) found.push_back(std::move(*entry));
    }
    return found;
  }

  Result<std::string> executable_name(pid_t pid) override {
    std::string link = fmt::format("/proc/{}/exe", pid);
    char target[PATH_MAX];
    ssize_t size = ::readlink(link.c_str(), target, sizeof target);
    if (size > 0) {
      std::string_view path(target, static_cast<std::size_t>(size));
      if (path.ends_with(" (deleted)")) path.remove_suffix(10);  // upgraded since it started
      return std::string(path.substr(path.rfind('/') + 1));
    }
    Result<std::string> comm = default_file_system().read_file(fmt::format("/proc/{}/comm", pid));
    if (!comm.ok()) return Error{fmt::format("no process {}", pid)};
    if (comm->ends_with('\n')) comm->pop_back();
    return comm;
  }

  Status send_signal(pid_t pid, int signo) override {
    if (::kill(pid, signo) == 0) return {};
    int err = errno;
    const char* name = sigabbrev_np(signo);
    return Error{fmt::format("cannot send {} to {}: {}",
                             name ? fmt::format("SIG{}", name) : fmt::format("signal {}", signo),
                             pid, std::strerror(err))};
  }

 private:
  const OutputLineSink sink_;
  std::mutex mutex_;
  std::set<pid_t> children_;  // spawned and not yet reaped
  std::map<pid_t, std::string> exit_reasons_;  // of reaped children
};

}  // namespace

ProcessRunner& default_process_runner() {
  static PosixProcessRunner runner;
  return runner;
}

std::unique_ptr<ProcessRunner> piped_process_runner(OutputLineSink sink) {
  return std::make_unique<PosixProcessRunner>(std::move(sink));
}

}  // namespace skylr
