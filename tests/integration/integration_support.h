// What the tests with the real HAProxy and real programs share: a temporary directory,
// free ports, plain HTTP GETs through HAProxy (and raw requests from a chosen source
// address), a small HAProxy configuration, polling with a deadline, a child process
// killed with its process group, and a guard that stops every HAProxy a test started,
// even when the test fails. Thread-compatible.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "scratch.h"
#include "test_server.h"

namespace skylr::testing {

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

// A TCP socket bound to `source` (port 0; any 127.x.x.x works on Linux) and connected to
// 127.0.0.1:`port` with 5 s send and receive timeouts, or -1 with `error` set.
int connect_from(const std::string& source, int port, std::string& error);

// The answer to one raw HTTP/1.1 request: the status (0 when none came) and the body, or
// the reason it failed.
struct HttpReply {
  int status = 0;
  std::string body;
  std::string error;  // empty on success
};

// Sends `method` `target` with `body` (as application/json when not empty) to
// 127.0.0.1:`port` from the local address `source` (any 127.x.x.x works on Linux), with
// Connection: close and 5 s timeouts. The body is read up to the end of the connection.
HttpReply http_request_from(const std::string& source, int port, const std::string& method,
                            const std::string& target, const std::string& body = "");

// Calls `condition` every 20 ms until it returns true or `timeout` has passed; true when
// it did (the last call happens at or after the deadline).
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

// http_get() on 127.0.0.1:`port` without pause from a thread, from construction until
// finish() or destruction, counting requests and failures.
class BackgroundLoad {
 public:
  explicit BackgroundLoad(int port);
  ~BackgroundLoad() { finish(); }
  BackgroundLoad(const BackgroundLoad&) = delete;
  BackgroundLoad& operator=(const BackgroundLoad&) = delete;

  // Stops sending and joins the thread (idempotent).
  void finish();

  int requests() const { return requests_; }
  int failures() const { return failures_; }
  // The last failure's "failed: <reason>" text; read it after finish().
  const std::string& last_failure() const { return last_failure_; }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::atomic<int> failures_{0};
  std::string last_failure_;
  std::thread thread_;
};

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

  // Guards the pid that `pid_file` names when the guard is destroyed (for an HAProxy
  // started by another program, such as skylrd).
  void add_pid_file(const std::string& pid_file);

 private:
  std::set<pid_t> pids_;
  std::set<std::string> pid_files_;
};

// A program started in its own process group, stdin from /dev/null, stdout and stderr
// appended to files. On destruction the whole group is killed (SIGKILL) and the program
// reaped, so nothing outlives a failed test.
class ChildProcess {
 public:
  // Starts argv (argv[0] looked up in PATH when it has no '/'); REQUIREs that it started.
  ChildProcess(const std::vector<std::string>& argv, std::string stdout_path,
               std::string stderr_path);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }

  // The first stdout line (without its newline), or "" when none came within `timeout`
  // or the program exited first.
  std::string first_line(std::chrono::milliseconds timeout);

  // True until the program has exited (it is reaped then).
  bool running();

  // Sends `signo` and waits at most `timeout`: the exit code, 128 + the signal when a
  // signal ended it, or -1 when it is still running.
  int stop(int signo, std::chrono::milliseconds timeout);

  // Everything the program wrote to stderr so far.
  std::string error_output() const;

 private:
  pid_t pid_ = -1;
  int exit_code_ = -1;
  std::string stdout_path_;
  std::string stderr_path_;
};

}  // namespace skylr::testing
