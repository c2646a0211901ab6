// TestServer: an httplib::Server on 127.0.0.1 and a free port, listening in its own
// thread from construction (once routes are set up by the caller's lambda) until
// destruction, which stops it and joins the thread.
#pragma once

#include <httplib.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include <doctest/doctest.h>
#include <fmt/format.h>

namespace skylr::testing {

class TestServer {
 public:
  explicit TestServer(const std::function<void(httplib::Server&)>& routes) {
    routes(server_);
    port_ = server_.bind_to_any_port("127.0.0.1");
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    CHECK(server_.is_running());  // not REQUIRE: the thread must be joined
  }
  ~TestServer() {
    server_.stop();
    thread_.join();
  }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  // "http://127.0.0.1:<port>".
  std::string origin() const { return fmt::format("http://127.0.0.1:{}", port_); }
  int port() const { return port_; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace skylr::testing
