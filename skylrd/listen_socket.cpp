#include "listen_socket.h"

#include <fmt/format.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace skylr {
namespace {

// The options of skylrd's listen socket: SO_REUSEADDR, never SO_REUSEPORT.
void set_exclusive_options(int fd) {
  int yes = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

// errno of listening on `candidate` with an exclusive socket; 0 when it could.
int try_listen(const addrinfo& candidate) {
  int fd = ::socket(candidate.ai_family, candidate.ai_socktype | SOCK_CLOEXEC, candidate.ai_protocol);
  if (fd < 0) return errno;
  set_exclusive_options(fd);
  bool listening = ::bind(fd, candidate.ai_addr, candidate.ai_addrlen) == 0 && ::listen(fd, 5) == 0;
  int error = listening ? 0 : errno;
  ::close(fd);
  return error;
}

}  // namespace

Result<int> bind_exclusively(httplib::Server& server, const ListenAddress& address) {
  server.set_socket_options(set_exclusive_options);
  int port = address.port == 0 ? server.bind_to_any_port(address.host)
                               : (server.bind_to_port(address.host, address.port) ? address.port : -1);
  if (port >= 0) return port;
  return Error{fmt::format("cannot listen on {}:{}: {}", address.host, address.port,
                           listen_failure(address))};
}

std::string listen_failure(const ListenAddress& address) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  std::string port = std::to_string(address.port);
  if (int status = ::getaddrinfo(address.host.c_str(), port.c_str(), &hints, &found); status != 0) {
    return ::gai_strerror(status);
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> owned(found, ::freeaddrinfo);
  int error = 0;
  for (const addrinfo* candidate = found; candidate != nullptr; candidate = candidate->ai_next) {
    error = try_listen(*candidate);
    if (error == 0) return "unknown reason (a second try could listen)";
  }
  return std::strerror(error);
}

}  // namespace skylr
