#include "processes.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

namespace skylr::testing {
namespace {

using Clock = std::chrono::steady_clock;

double elapsed_ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

// Points `target_fd` at `path` (created or truncated); in a forked child only.
void redirect(int target_fd, const char* path, int flags) {
  int fd = ::open(path, flags, 0644);
  if (fd < 0) ::_exit(126);
  ::dup2(fd, target_fd);
  ::close(fd);
}

// Forks and executes `argv` in a new process group; stdout to `stdout_path`, stderr to
// `stderr_path` when not empty. Returns the pid.
pid_t spawn(const std::vector<std::string>& argv, const std::string& stdout_path, const std::string& stderr_path) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::setpgid(0, 0);
    redirect(STDIN_FILENO, "/dev/null", O_RDONLY);
    redirect(STDOUT_FILENO, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC);
    if (!stderr_path.empty()) redirect(STDERR_FILENO, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);
  return pid;
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

std::string skylrd_path() { return SKYLRD_PATH; }
std::string skylrctl_path() { return SKYLRCTL_PATH; }
std::string marathon_sim_path() { return MARATHON_SIM_PATH; }
std::string haproxy_path() { return SKYLR_HAPROXY; }

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  // One allocation of the file's size, since peak RSS is measured. /proc files say size 0
  // and cannot be opened at their end (ios::ate fails there), so they are read as a stream.
  std::error_code error;
  std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error || size == 0) return std::string(std::istreambuf_iterator<char>(in), {});
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv, std::string stdout_path,
                                     std::string stderr_path)
    : stdout_path_(std::move(stdout_path)), stderr_path_(std::move(stderr_path)) {
  pid_ = spawn(argv, stdout_path_, stderr_path_);
}

BackgroundProcess::~BackgroundProcess() {
  if (exited_) return;
  ::kill(-pid_, SIGKILL);
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

bool BackgroundProcess::reaped() {
  int status = 0;
  if (!exited_ && ::waitpid(pid_, &status, WNOHANG) == pid_) {
    exited_ = true;
    exit_code_ = exit_code_of(status);
  }
  return exited_;
}

std::optional<int> BackgroundProcess::exit_code() {
  if (!reaped()) return std::nullopt;
  return exit_code_;
}

std::string BackgroundProcess::first_line(std::chrono::milliseconds timeout) {
  auto start = Clock::now();
  while (elapsed_ms(start) < static_cast<double>(timeout.count())) {
    std::string text = read_file(stdout_path_);
    if (std::size_t end = text.find('\n'); end != std::string::npos) return text.substr(0, end);
    if (reaped()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw std::runtime_error(fmt::format("{} printed no first line; its stderr:\n{}", pid_, read_file(stderr_path_)));
}

bool BackgroundProcess::stop(int signo, std::chrono::milliseconds timeout) {
  if (reaped()) return true;
  ::kill(pid_, signo);
  auto start = Clock::now();
  while (!reaped() && elapsed_ms(start) < static_cast<double>(timeout.count())) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return exited_;
}

int listening_port(const std::string& line) {
  std::size_t colon = line.rfind(':');
  int port = colon == std::string::npos ? 0 : std::atoi(line.c_str() + colon + 1);
  if (port <= 0) throw std::runtime_error("unexpected first line: " + line);
  return port;
}

Finished run_to_end(const std::vector<std::string>& argv, const std::string& stdout_path,
                    std::chrono::milliseconds timeout) {
  auto start = Clock::now();
  pid_t pid = spawn(argv, stdout_path, "");
  // A watchdog kills the program when it overstays; the exit is awaited without reaping
  // first (WNOWAIT), so that the watchdog can never signal a reused pid.
  std::mutex mutex;
  std::condition_variable exited;
  bool done = false;
  bool killed = false;
  std::thread watchdog([&] {
    std::unique_lock lock(mutex);
    if (exited.wait_for(lock, timeout, [&] { return done; })) return;
    killed = true;
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
  });
  siginfo_t info{};
  ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT);
  {
    std::lock_guard lock(mutex);
    done = true;
  }
  exited.notify_all();
  watchdog.join();
  int status = 0;
  rusage usage{};
  if (::wait4(pid, &status, 0, &usage) != pid) throw std::runtime_error("wait4 failed for " + argv[0]);
  if (killed) {
    throw std::runtime_error(fmt::format("{} still ran after {} ms; killed", argv[0], timeout.count()));
  }
  auto ms = [](const timeval& time) { return static_cast<double>(time.tv_sec) * 1e3 + static_cast<double>(time.tv_usec) / 1e3; };
  return {exit_code_of(status), elapsed_ms(start), ms(usage.ru_utime) + ms(usage.ru_stime), usage.ru_maxrss};
}

long raise_open_files_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return -1;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) ::getrlimit(RLIMIT_NOFILE, &limit);
  }
  return static_cast<long>(limit.rlim_cur);
}

}  // namespace skylr::testing
