#include "scratch.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <system_error>
#include <utility>

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

namespace {

// A TCP socket bound to 127.0.0.1:`port` (0: the kernel picks; the port goes back to `port`),
// or -1 when that port is taken.
int try_bind_loopback(int& port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("cannot open a TCP socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  socklen_t size = sizeof address;
  bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0 &&
               ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0;
  if (!bound) {
    ::close(fd);
    return -1;
  }
  port = ntohs(address.sin_port);
  return fd;
}

// The kernel's ephemeral port range (net.ipv4.ip_local_port_range), Linux's default when
// it cannot be read.
std::pair<int, int> ephemeral_range() {
  std::ifstream in("/proc/sys/net/ipv4/ip_local_port_range");
  int low = 32768;
  int high = 60999;
  in >> low >> high;
  return {low, high};
}

}  // namespace

int bind_loopback_port(int& port) {
  port = 0;
  int fd = try_bind_loopback(port);
  if (fd < 0) throw std::runtime_error("no free port on 127.0.0.1");
  return fd;
}

int free_port() { return free_ports(1).front(); }

std::vector<int> free_ports(std::size_t count) {
  constexpr int kFirst = 10000;
  constexpr int kLast = 65535;
  auto [low, high] = ephemeral_range();
  // The ports outside the ephemeral range, numbered 0..span-1 in order; the search starts
  // at a random one of them. (Starting at a random port of 10000-65535 and skipping the
  // ephemeral range made every start that fell inside it begin at high + 1: concurrent
  // test processes then got the same few ports, and one test's HAProxy answered another's.)
  int below = std::max(0, std::min(low, kLast + 1) - kFirst);
  int span = kLast - kFirst + 1 - std::max(0, std::min(high, kLast) - std::max(low, kFirst) + 1);
  auto port_at = [&](int index) { return index < below ? kFirst + index : high + 1 + (index - below); };
  int offset = static_cast<int>(std::random_device{}() % static_cast<unsigned>(span));
  // Ports handed out before in this process: a test binds them later, so they may look free.
  static std::mutex handed_out_mutex;
  static std::set<int> handed_out;
  std::lock_guard lock(handed_out_mutex);
  std::vector<int> ports;
  std::vector<int> held;
  for (int step = 0; step < span && ports.size() < count; ++step) {
    int port = port_at((offset + step) % span);
    if (handed_out.contains(port)) continue;
    int fd = try_bind_loopback(port);
    if (fd < 0) continue;
    held.push_back(fd);
    ports.push_back(port);
  }
  for (int fd : held) ::close(fd);
  handed_out.insert(ports.begin(), ports.end());
  if (ports.size() < count) {
    // Appended piece by piece: "literal" + std::string trips g++ 12's false -Wrestrict at -O3.
    std::string message = "only ";
    message += std::to_string(ports.size());
    message += " free ports on 127.0.0.1 outside the ephemeral range; wanted ";
    message += std::to_string(count);
    throw std::runtime_error(message);
  }
  return ports;
}

}  // namespace skylr::testing
