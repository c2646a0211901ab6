#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

#include <doctest/doctest.h>

#include "skylr/control_socket.h"

namespace skylr {
namespace {

// A Unix stream socket in a fresh temporary directory that serves one connection with
// `handler` on a thread; everything is removed when it goes out of scope.
class OneShotServer {
 public:
  explicit OneShotServer(std::function<void(int fd)> handler) {
    char dir[] = "/tmp/skylr-socket-XXXXXX";
    REQUIRE(::mkdtemp(dir) != nullptr);
    dir_ = dir;
    path_ = dir_ + "/cli.sock";
    listener_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strcpy(address.sun_path, path_.c_str());
    REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(listener_, 1) == 0);
    thread_ = std::thread([this, handler = std::move(handler)] {
      int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      handler(fd);
      ::close(fd);
    });
  }
  ~OneShotServer() {
    ::shutdown(listener_, SHUT_RDWR);  // wakes accept() when no client came
    thread_.join();
    ::close(listener_);
    std::filesystem::remove_all(dir_);
  }
  const std::string& path() const { return path_; }

 private:
  std::string dir_;
  std::string path_;
  int listener_ = -1;
  std::thread thread_;
};

// Everything the client sends until it half-closes.
std::string read_request(int fd) {
  std::string request;
  char buffer[256];
  ssize_t got;
  while ((got = ::read(fd, buffer, sizeof buffer)) > 0) request.append(buffer, static_cast<std::size_t>(got));
  return request;
}

TEST_CASE("skylr::unix_control_socket") {
  std::unique_ptr<ControlSocket> owned = unix_control_socket(std::chrono::milliseconds(300));
  ControlSocket& socket = *owned;

  SUBCASE("sends one line, half-closes, and reads until the server closes") {
    OneShotServer server([](int fd) {
      std::string answer = "got: " + read_request(fd);
      CHECK(::write(fd, answer.data(), answer.size()) == static_cast<ssize_t>(answer.size()));
    });
    Result<std::string> answer = socket.command(server.path(), "show proc");
    REQUIRE(answer.ok());
    CHECK(*answer == "got: show proc\n");
  }

  SUBCASE("an empty answer, as after the master CLI's reload") {
    OneShotServer server([](int fd) { read_request(fd); });
    Result<std::string> answer = socket.command(server.path(), "reload");
    REQUIRE(answer.ok());
    CHECK(answer->empty());
  }

  SUBCASE("a server that never closes") {
    OneShotServer server([](int fd) {
      read_request(fd);
      std::this_thread::sleep_for(std::chrono::milliseconds(800));
    });
    auto start = std::chrono::steady_clock::now();
    Result<std::string> answer = socket.command(server.path(), "show proc");
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().message ==
          "cannot read the answer of " + server.path() + ": no progress within 300 ms");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(750));
  }

  SUBCASE("no socket") {
    Result<std::string> answer = socket.command("/nonexistent/skylr.sock", "show proc");
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().message ==
          "cannot connect to /nonexistent/skylr.sock: No such file or directory");
  }

  SUBCASE("a path too long for a Unix socket") {
    std::string path = "/tmp/" + std::string(120, 'x');
    Result<std::string> answer = socket.command(path, "show proc");
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().message == "cannot connect to " + path + ": socket path too long");
  }
}

}  // namespace
}  // namespace skylr
