// Scratch space and ports for the tests and benchmarks that run real programs: a
// temporary directory removed with its content, and TCP ports on 127.0.0.1 that the
// kernel picks (port 0), never fixed ones. Failures throw std::runtime_error, which
// doctest reports as a failed test and a benchmark as a failed run.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace skylr::testing {

// A fresh directory under the system's temporary directory (mkdtemp), removed with its
// content on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // `name` inside the directory.
  std::string path(const std::string& name) const { return dir_ + "/" + name; }

 private:
  std::string dir_;
};

// A TCP socket bound to 127.0.0.1 on a port the kernel picked; the port goes to `port`.
int bind_loopback_port(int& port);

// A TCP port on 127.0.0.1 that was free a moment ago, never handed out before in this
// process (free_ports(1)).
int free_port();

// `count` distinct TCP ports on 127.0.0.1 that were free a moment ago (each bound, all held
// until every one is found, then closed) and never handed out before in this process (a
// test may not have bound them yet), from 10000 up but outside the kernel's ephemeral
// range, so that no outgoing connection takes one before its listener binds it; the search
// starts at a random port. For programs that bind thousands of listeners at once. Throws
// when there are not that many.
std::vector<int> free_ports(std::size_t count);

}  // namespace skylr::testing
