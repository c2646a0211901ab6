// EventRelay: one streamed GET (an event stream) that a standby master forwards from the
// primary to its own client. A thread runs the request to the primary and queues the
// answer's status and body bytes as they arrive; the standby's HTTP thread takes them
// with next(). close() ends the upstream request at once (the client went away or the
// standby stops). Thread-safe.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace skylr::sim {

class EventRelay {
 public:
  // Starts GET `target` with `headers` at `host`:`port` on a thread of its own.
  EventRelay(const std::string& host, int port, std::string target, httplib::Headers headers);

  // Closes the relay and joins its thread.
  ~EventRelay();

  EventRelay(const EventRelay&) = delete;
  EventRelay& operator=(const EventRelay&) = delete;

  // The primary's status and headers once they came (waits up to `timeout`); nullopt when
  // the request failed or nothing came in time.
  std::optional<httplib::Response> wait_head(std::chrono::milliseconds timeout);

  // The next body bytes: what arrived, "" when nothing came within `wait`, or nullopt once
  // the upstream answer ended (or the relay was closed) and everything was taken.
  std::optional<std::string> next(std::chrono::milliseconds wait);

  // The rest of the body, once the upstream answer ended (waits up to `timeout`).
  std::string rest(std::chrono::milliseconds timeout);

  // Ends the upstream request; later next() calls return nullopt.
  void close();

 private:
  void run(std::string target, httplib::Headers headers);

  httplib::Client client_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<httplib::Response> head_;
  std::deque<std::string> chunks_;
  bool ended_ = false;
  bool closed_ = false;
  std::thread thread_;
};

}  // namespace skylr::sim
