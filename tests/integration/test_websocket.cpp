// WebSocket through the rendered configuration and the real HAProxy: an HTTP service has one
// backend, `<name>_http`, and a WebSocket upgrade goes through it like any other request
// (HTTP mode handles the Upgrade), then lives as a tunnel under the backend's
// `timeout tunnel`, not the much shorter client and server timeouts.
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "integration_support.h"
#include "skylr/process_runner.h"
#include "skylr/render.h"
#include "test_configs.h"

namespace skylr {
namespace {

using namespace std::chrono_literals;

// RFC 6455's sample handshake: this key's accept value is kAccept.
constexpr std::string_view kKey = "dGhlIHNhbXBsZSBub25jZQ==";
constexpr std::string_view kAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

// Everything `fd` sends up to the end of the HTTP head ("\r\n\r\n" included), or less when
// the connection ends or times out first.
std::string read_head(int fd) {
  std::string head;
  char byte = 0;
  while (!head.ends_with("\r\n\r\n") && ::recv(fd, &byte, 1, 0) == 1) head += byte;
  return head;
}

bool send_all(int fd, std::string_view data) {
  return ::send(fd, data.data(), data.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(data.size());
}

// A task on 127.0.0.1 that speaks WebSocket: an upgrade with kKey is answered 101 with
// kAccept, then every byte received is sent back; any other request is answered 200
// "plain". One thread per connection (HAProxy's health checks connect and close); the
// destructor ends them all.
class WebSocketEcho {
 public:
  WebSocketEcho() : listener_(testing::bind_loopback_port(port_)) {
    REQUIRE(::listen(listener_, 16) == 0);
    acceptor_ = std::thread([this] { accept_all(); });
  }
  ~WebSocketEcho() {
    ::shutdown(listener_, SHUT_RDWR);  // accept() fails from now on
    acceptor_.join();
    std::lock_guard lock(mutex_);
    for (int fd : connections_) ::shutdown(fd, SHUT_RDWR);
    for (std::thread& worker : workers_) worker.join();
    for (int fd : connections_) ::close(fd);
    ::close(listener_);
  }
  WebSocketEcho(const WebSocketEcho&) = delete;
  WebSocketEcho& operator=(const WebSocketEcho&) = delete;

  int port() const { return port_; }

 private:
  void accept_all() {
    for (int fd; (fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC)) >= 0;) {
      std::lock_guard lock(mutex_);
      connections_.push_back(fd);
      workers_.emplace_back([fd] { serve(fd); });
    }
  }

  static void serve(int fd) {
    std::string head = read_head(fd);
    if (head.find(kKey) == std::string::npos) {
      send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nplain");
    } else if (send_all(fd, fmt::format("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                        "Connection: Upgrade\r\nSec-WebSocket-Accept: {}\r\n\r\n",
                                        kAccept))) {
      char buffer[256];
      for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
        if (!send_all(fd, std::string_view(buffer, static_cast<std::size_t>(n)))) break;
      }
    }
    ::shutdown(fd, SHUT_WR);
  }

  int port_ = 0;
  int listener_ = -1;
  std::thread acceptor_;
  std::mutex mutex_;
  std::vector<int> connections_;
  std::vector<std::thread> workers_;
};

}  // namespace

TEST_CASE("skylr::render_haproxy_config with HAProxy: a WebSocket upgrade through the HTTP backend") {
  WebSocketEcho task;
  testing::TempDir dir;
  testing::HaproxyGuard guard;
  int port = testing::free_port();
  Config config = testing::config_with_service("web", port);
  config.haproxy.bind_host = "127.0.0.1";
  config.haproxy.timeout_client_ms = 300;
  config.haproxy.timeout_server_ms = 300;
  config.haproxy.timeout_tunnel_ms = 10000;
  config.reload.admin_socket = dir.path("admin.sock");
  Model model;
  model.services.push_back(ServiceBackends{"web", true, {Server{"t1", "127.0.0.1", task.port(), "web.t1"}}});
  std::string rendered = render_haproxy_config(config, model);
  REQUIRE(rendered.find("listen web_http\n") != std::string::npos);
  REQUIRE(rendered.find("_ws") == std::string::npos);
  std::ofstream(dir.path("haproxy.cfg")) << rendered;
  Result<ProcessOutcome> started = default_process_runner().run(
      {SKYLR_HAPROXY, "-f", dir.path("haproxy.cfg"), "-p", dir.path("haproxy.pid"), "-D"}, 10s);
  guard.add(testing::read_pid_file(dir.path("haproxy.pid")));
  REQUIRE(started.ok());
  REQUIRE_MESSAGE(started->exit_code == 0, started->output);
  REQUIRE(testing::wait_until([&] { return testing::http_get(port) == "plain"; }, 5s));

  std::string error;
  int fd = testing::connect_from("127.0.0.1", port, error);
  REQUIRE_MESSAGE(fd >= 0, error);
  CHECK(send_all(fd, fmt::format("GET /chat HTTP/1.1\r\nHost: web\r\nUpgrade: websocket\r\n"
                                 "Connection: Upgrade\r\nSec-WebSocket-Key: {}\r\n"
                                 "Sec-WebSocket-Version: 13\r\n\r\n",
                                 kKey)));
  std::string head = read_head(fd);
  CHECK(head.starts_with("HTTP/1.1 101 "));
  // HAProxy 2.6 writes header names in lower case.
  CHECK(head.find(fmt::format("sec-websocket-accept: {}\r\n", kAccept)) != std::string::npos);

  std::this_thread::sleep_for(1s);  // idle beyond timeout client/server: the tunnel's timeout holds
  CHECK(send_all(fd, "ping"));
  char echo[4] = {};
  CHECK(::recv(fd, echo, sizeof echo, MSG_WAITALL) == 4);
  CHECK(std::string_view(echo, 4) == "ping");
  ::close(fd);
}

}  // namespace skylr
