// What the tests with the real HAProxy share: a temporary directory, free ports, plain
// HTTP GETs through HAProxy, a small HAProxy configuration, and a guard that stops every
// HAProxy a test started, even when the test fails. Thread-compatible.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <set>
#include <string>

#include "test_server.h"

namespace skylr::testing {

// A fresh directory under /tmp (mkdtemp), removed with its content on destruction.
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

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then closed).
int free_port();

// A port on 127.0.0.1 held by a listening socket (without SO_REUSEPORT, so that nobody
// else can bind it) until destruction.
class HeldPort {
 public:
  HeldPort();
  ~HeldPort();
  HeldPort(const HeldPort&) = delete;
  HeldPort& operator=(const HeldPort&) = delete;

  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// The body of GET / on 127.0.0.1:`port` (one connection, no keep-alive, 2 s timeouts),
// or "failed: <reason>" (the error, or the status when it is not 200).
std::string http_get(int port);

// A backend server on 127.0.0.1 answering GET / with `name`.
std::unique_ptr<TestServer> named_backend(const std::string& name);

// An HAProxy configuration routing 127.0.0.1:`frontend_port` to 127.0.0.1:`backend_port`.
std::string proxy_config(int frontend_port, int backend_port);

// The pid written in `pid_file`, or 0.
pid_t read_pid_file(const std::string& pid_file);

// Waits at most `timeout` for `pid` to exit (reaped, or a zombie); true when it did.
bool wait_for_exit(pid_t pid, std::chrono::milliseconds timeout);

// Kills, on destruction, the process group and the process of every pid added that is
// still an haproxy (so a reused pid is never hit), and reaps the children among them.
class HaproxyGuard {
 public:
  HaproxyGuard() = default;
  ~HaproxyGuard();
  HaproxyGuard(const HaproxyGuard&) = delete;
  HaproxyGuard& operator=(const HaproxyGuard&) = delete;

  // Guards `pid` (0 is ignored).
  void add(pid_t pid);

 private:
  std::set<pid_t> pids_;
};

}  // namespace skylr::testing
