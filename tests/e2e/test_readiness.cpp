// skylrd's notifications to systemd (Type=notify), read from a datagram socket named by
// $NOTIFY_SOCKET as systemd would: READY=1 once the first sync has applied the config,
// RELOADING=1 then READY=1 around each SIGHUP (a refused config too), STOPPING=1 on SIGTERM.
#include <doctest/doctest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "e2e_stack.h"

namespace skylr::e2e {
namespace {

// A datagram socket bound at `path` and named by $NOTIFY_SOCKET for the processes this
// test starts, while it exists.
class NotifySocket {
 public:
  explicit NotifySocket(const std::string& path) : fd_(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    REQUIRE(path.size() < sizeof address.sun_path);
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    REQUIRE(::bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
  }
  ~NotifySocket() {
    ::unsetenv("NOTIFY_SOCKET");
    ::close(fd_);
  }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  // The next message, or "" when none came within `timeout`.
  std::string next(std::chrono::milliseconds timeout) {
    pollfd ready{fd_, POLLIN, 0};
    if (::poll(&ready, 1, static_cast<int>(timeout.count())) != 1) return "";
    char message[4096];
    ssize_t size = ::recv(fd_, message, sizeof message, 0);
    return size > 0 ? std::string(message, static_cast<std::size_t>(size)) : "";
  }

 private:
  int fd_;
};

TEST_CASE("skylrd e2e: tells systemd it is ready after the first sync, reloading on SIGHUP, stopping") {
  testing::TempDir dir;
  testing::HaproxyGuard guard;
  SimProcess sim(dir, 1);
  NotifySocket notify(dir.path("notify.sock"));
  SkylrdProcess skylrd(dir, sim.port(), {}, guard);
  INFO("skylrd log:\n", skylrd.log());

  std::string ready = notify.next(10s);
  CHECK(ready.starts_with("READY=1\nSTATUS=first sync: "));
  CHECK(ready.find("applied and reloaded (initial") != std::string::npos);
  CHECK(skylrd.live_config().find("server slot-1") != std::string::npos);  // applied before READY=1

  skylrd.reconfigure({});
  CHECK(notify.next(5s).starts_with("RELOADING=1\nMONOTONIC_USEC="));
  CHECK(notify.next(5s) == "READY=1\nSTATUS=SIGHUP: config reloaded");

  std::ofstream(skylrd.config_path()) << "{";
  REQUIRE(::kill(skylrd.pid(), SIGHUP) == 0);
  CHECK(notify.next(5s).starts_with("RELOADING=1\n"));
  CHECK(notify.next(5s) == "READY=1\nSTATUS=SIGHUP: config refused, keeping the current one (see the log)");

  CHECK(skylrd.stop() == 0);
  CHECK(notify.next(5s) == "STOPPING=1");
  CHECK(notify.next(100ms) == "");
}

}  // namespace
}  // namespace skylr::e2e
