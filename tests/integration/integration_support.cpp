// Helpers of the integration tests, over POSIX calls and cpp-httplib.
#include "integration_support.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "skylr/posix_process_runner.h"

namespace skylr::testing {

TempDir::TempDir() {
  char dir[] = "/tmp/skylr-integration-XXXXXX";
  REQUIRE(::mkdtemp(dir) != nullptr);
  dir_ = dir;
}

TempDir::~TempDir() { std::filesystem::remove_all(dir_); }

namespace {

// A TCP socket bound to 127.0.0.1 and a port the kernel picked; REQUIREs success.
int bind_any_port(int& port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0 &&
               ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0;
  if (!bound) ::close(fd);
  REQUIRE(bound);
  port = ntohs(address.sin_port);
  return fd;
}

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

}  // namespace

int free_port() {
  int port = 0;
  ::close(bind_any_port(port));
  return port;
}

HeldPort::HeldPort() {
  fd_ = bind_any_port(port_);
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
  ProcessRunner& runner = posix_process_runner();
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
  ProcessRunner& runner = posix_process_runner();
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

}  // namespace skylr::testing
