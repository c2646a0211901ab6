// HttpWorkers: the threads that serve skylrd's HTTP connections, in place of httplib's
// FIFO pool. Accepted connections wait on a stack and the newest is served first: when
// thousands of idle or slow connections arrive at once, each holds a worker for at most
// the keep-alive or read timeout, and a request that comes after them (a /health probe,
// a Marathon callback) is served as soon as a worker frees instead of after the whole
// flood. shutdown() runs every waiting connection (httplib then closes it at once) and
// joins the workers. Thread-safe.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace skylr {

// Workers serving skylrd's HTTP API.
inline constexpr std::size_t kHttpWorkerThreads = 16;

class HttpWorkers final : public httplib::TaskQueue {
 public:
  // Starts `threads` workers.
  explicit HttpWorkers(std::size_t threads);
  ~HttpWorkers() override;
  HttpWorkers(const HttpWorkers&) = delete;
  HttpWorkers& operator=(const HttpWorkers&) = delete;

  // Puts `job` (one connection) on top of the waiting ones.
  void enqueue(std::function<void()> job) override;

  // Runs every waiting job, then stops and joins the workers (idempotent).
  void shutdown() override;

 private:
  void work();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::function<void()>> waiting_;  // a stack: back() is the newest
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace skylr
