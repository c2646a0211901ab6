// UnixControlSocket: a blocking AF_UNIX stream socket whose SO_SNDTIMEO (which Linux
// also applies to connect) and SO_RCVTIMEO bound every step. The request is followed by
// a half-close, which is how HAProxy's CLIs know that no further command comes.
#include "skylr/control_socket.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

namespace skylr {
namespace {

constexpr std::size_t kMaxAnswer = 16u << 20;

// "<what> <path>: <strerror(err)>", with timeouts worded as such.
Error socket_error(std::string_view what, const std::string& path, int err,
                   std::chrono::milliseconds timeout) {
  if (err == EAGAIN || err == EWOULDBLOCK || err == EINPROGRESS) {
    return Error{fmt::format("{} {}: no progress within {} ms", what, path, timeout.count())};
  }
  return Error{fmt::format("{} {}: {}", what, path, std::strerror(err))};
}

// Closes the descriptor it holds when it goes out of scope.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() { ::close(fd_); }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;

 private:
  int fd_;
};

// Sets both socket timeouts of `fd` to `timeout`.
bool set_timeouts(int fd, std::chrono::milliseconds timeout) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>(timeout.count() % 1000 * 1000);
  return ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) == 0 &&
         ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0;
}

// Sends all of `data`, retrying short writes and interruptions; 0 or the errno.
int send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0) return errno;
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
  return 0;
}

// Reads until the peer closes; 0 or the errno (EFBIG beyond kMaxAnswer).
int read_all(int fd, std::string& answer) {
  char buffer[16384];
  for (;;) {
    ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return errno;
    if (got == 0) return 0;
    if (answer.size() + static_cast<std::size_t>(got) > kMaxAnswer) return EFBIG;
    answer.append(buffer, static_cast<std::size_t>(got));
  }
}

class UnixControlSocket final : public ControlSocket {
 public:
  explicit UnixControlSocket(std::chrono::milliseconds timeout) : timeout_(timeout) {}

  Result<std::string> command(const std::string& socket_path, const std::string& command) override;

 private:
  std::chrono::milliseconds timeout_;
};

Result<std::string> UnixControlSocket::command(const std::string& socket_path,
                                               const std::string& command) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof address.sun_path) {
    return Error{fmt::format("cannot connect to {}: socket path too long", socket_path)};
  }
  std::memcpy(address.sun_path, socket_path.c_str(), socket_path.size() + 1);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return socket_error("cannot create a socket for", socket_path, errno, timeout_);
  FdCloser closer(fd);
  if (!set_timeouts(fd, timeout_)) {
    return socket_error("cannot set timeouts on", socket_path, errno, timeout_);
  }
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    return socket_error("cannot connect to", socket_path, errno, timeout_);
  }
  if (int err = send_all(fd, command + "\n")) {
    return socket_error("cannot send to", socket_path, err, timeout_);
  }
  ::shutdown(fd, SHUT_WR);
  std::string answer;
  if (int err = read_all(fd, answer)) {
    return socket_error("cannot read the answer of", socket_path, err, timeout_);
  }
  return answer;
}

}  // namespace

std::unique_ptr<ControlSocket> unix_control_socket(std::chrono::milliseconds timeout) {
  return std::make_unique<UnixControlSocket>(timeout);
}

ControlSocket& default_control_socket() {
  static UnixControlSocket socket(std::chrono::seconds(5));
  return socket;
}

}  // namespace skylr
