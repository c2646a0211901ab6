// Helpers of the integration tests, over POSIX calls and cpp-httplib.
#include "integration_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "skylr/process_runner.h"

extern char** environ;

namespace skylr::testing {

namespace {

// True once `pid` has exited: reaped (when it is a child of this process) or a zombie
// waiting for its parent, such as init for daemons.
bool has_exited(ProcessRunner& runner, pid_t pid) {
  if (!runner.is_running(pid)) return true;
  std::ifstream stat(fmt::format("/proc/{}/stat", pid));
  std::string line;
  std::getline(stat, line);
  std::size_t end = line.rfind(')');
  return end == std::string::npos || line.substr(end).starts_with(") Z");
}

// The status and body of a complete HTTP/1.1 response without chunked encoding.
HttpReply parse_reply(const std::string& response) {
  HttpReply reply;
  std::size_t header_end = response.find("\r\n\r\n");
  if (!response.starts_with("HTTP/1.") || response.size() < 12 || header_end == std::string::npos) {
    reply.error = "not an HTTP response: " + response.substr(0, 80);
    return reply;
  }
  reply.status = std::atoi(response.substr(9, 3).c_str());
  reply.body = response.substr(header_end + 4);
  return reply;
}

}  // namespace

int connect_from(const std::string& source, int port, std::string& error) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error = std::string("socket: ") + std::strerror(errno);
    return -1;
  }
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  sockaddr_in remote{};
  remote.sin_family = AF_INET;
  remote.sin_port = htons(static_cast<std::uint16_t>(port));
  remote.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::inet_pton(AF_INET, source.c_str(), &local.sin_addr) != 1) {
    error = "bad source address " + source;
  } else if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
    error = "bind " + source + ": " + std::strerror(errno);
  } else if (::connect(fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) {
    error = fmt::format("connect 127.0.0.1:{}: {}", port, std::strerror(errno));
  } else {
    return fd;
  }
  ::close(fd);
  return -1;
}

HeldPort::HeldPort() {
  fd_ = bind_loopback_port(port_);
  REQUIRE(::listen(fd_, 1) == 0);
}

HeldPort::~HeldPort() { ::close(fd_); }

std::string http_get(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_keep_alive(false);
  client.set_connection_timeout(std::chrono::seconds(2));
  client.set_read_timeout(std::chrono::seconds(2));
  httplib::Result response = client.Get("/");
  if (!response) return "failed: " + httplib::to_string(response.error());
  if (response->status != 200) return fmt::format("failed: status {}", response->status);
  return response->body;
}

HttpReply http_request_from(const std::string& source, int port, const std::string& method,
                            const std::string& target, const std::string& body) {
  std::string error;
  int fd = connect_from(source, port, error);
  if (fd < 0) return HttpReply{0, "", error};
  std::string request = fmt::format("{} {} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n",
                                    method, target, port);
  if (!body.empty()) request += "Content-Type: application/json\r\n";
  request += fmt::format("Content-Length: {}\r\n\r\n", body.size()) + body;
  std::string response;
  bool sent = ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
              static_cast<ssize_t>(request.size());
  char buffer[4096];
  for (ssize_t n; sent && (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
    response.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (!sent) return HttpReply{0, "", "send failed"};
  return parse_reply(response);
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

BackgroundLoad::BackgroundLoad(int port)
    : thread_([this, port] {
        while (!stop_) {
          std::string answer = http_get(port);
          ++requests_;
          if (!answer.starts_with("failed")) continue;
          ++failures_;
          last_failure_ = answer;
        }
      }) {}

void BackgroundLoad::finish() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

std::unique_ptr<TestServer> named_backend(const std::string& name) {
  return std::make_unique<TestServer>([name](httplib::Server& server) {
    server.Get("/", [name](const httplib::Request&, httplib::Response& response) {
      response.set_content(name, "text/plain");
    });
  });
}

std::string proxy_config(int frontend_port, int backend_port) {
  return fmt::format(
      "global\n"
      "  maxconn 256\n"
      "defaults\n"
      "  mode http\n"
      "  timeout connect 2s\n"
      "  timeout client 10s\n"
      "  timeout server 10s\n"
      "frontend test_in\n"
      "  bind 127.0.0.1:{}\n"
      "  default_backend test_out\n"
      "backend test_out\n"
      "  server only 127.0.0.1:{}\n",
      frontend_port, backend_port);
}

bool wait_for_exit(pid_t pid, std::chrono::milliseconds timeout) {
  ProcessRunner& runner = default_process_runner();
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!has_exited(runner, pid)) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    ::usleep(10000);
  }
  return true;
}

pid_t read_pid_file(const std::string& pid_file) {
  std::ifstream in(pid_file);
  pid_t pid = 0;
  in >> pid;
  return pid;
}

HaproxyGuard::~HaproxyGuard() {
  ProcessRunner& runner = default_process_runner();
  for (const std::string& pid_file : pid_files_) add(read_pid_file(pid_file));
  for (pid_t pid : pids_) {
    Result<std::string> name = runner.executable_name(pid);
    if (!name.ok() || !name->starts_with("haproxy")) continue;
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
  }
  for (pid_t pid : pids_) wait_for_exit(pid, std::chrono::seconds(2));
}

void HaproxyGuard::add(pid_t pid) {
  if (pid > 0) pids_.insert(pid);
}

void HaproxyGuard::add_pid_file(const std::string& pid_file) { pid_files_.insert(pid_file); }

ChildProcess::ChildProcess(const std::vector<std::string>& argv, std::string stdout_path,
                           std::string stderr_path)
    : stdout_path_(std::move(stdout_path)), stderr_path_(std::move(stderr_path)) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  int flags = O_WRONLY | O_CREAT | O_APPEND;
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_path_.c_str(), flags, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path_.c_str(), flags, 0644);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  int rc = ::posix_spawnp(&pid_, args[0], &actions, &attributes, args.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE_MESSAGE(rc == 0, "cannot start ", argv[0], ": ", std::strerror(rc));
}

ChildProcess::~ChildProcess() {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGKILL);
  if (exit_code_ < 0) ::waitpid(pid_, nullptr, 0);
}

std::string ChildProcess::first_line(std::chrono::milliseconds timeout) {
  std::string line;
  auto complete_line = [&] {
    std::ifstream out(stdout_path_);
    return std::getline(out, line) && !out.eof();  // eof: no newline yet
  };
  wait_until([&] { return complete_line() || !running(); }, timeout);
  return complete_line() ? line : "";
}

bool ChildProcess::running() {
  int status = 0;
  if (exit_code_ >= 0 || ::waitpid(pid_, &status, WNOHANG) != pid_) return exit_code_ < 0;
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return false;
}

int ChildProcess::stop(int signo, std::chrono::milliseconds timeout) {
  if (running()) ::kill(pid_, signo);
  return wait_until([this] { return !running(); }, timeout) ? exit_code_ : -1;
}

std::string ChildProcess::error_output() const {
  std::ifstream in(stderr_path_);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace skylr::testing
