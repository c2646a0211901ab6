#include "scratch.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace skylr::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "skylr-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
  dir_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

int bind_loopback_port(int& port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("cannot open a TCP socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0 &&
               ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0;
  if (!bound) {
    ::close(fd);
    throw std::runtime_error("no free port on 127.0.0.1");
  }
  port = ntohs(address.sin_port);
  return fd;
}

int free_port() {
  int port = 0;
  ::close(bind_loopback_port(port));
  return port;
}

}  // namespace skylr::testing
