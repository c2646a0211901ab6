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

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0 &&
               ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0;
  ::close(fd);
  REQUIRE(bound);
  return ntohs(address.sin_port);
}

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
  for (pid_t pid : pids_) {
    for (int i = 0; i < 200 && runner.is_running(pid); ++i) ::usleep(10000);
  }
}

void HaproxyGuard::add(pid_t pid) {
  if (pid > 0) pids_.insert(pid);
}

}  // namespace skylr::testing
