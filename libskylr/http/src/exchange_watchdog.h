// ExchangeWatchdog: ends a cpp-httplib exchange at its deadline, however its answer
// trickles, or as soon as a stop is requested.
//
// cpp-httplib 0.11 bounds only each read and write (set_read_timeout), so a server that
// sends one byte every few seconds, in its headers or its body, holds an exchange for as
// long as it likes. Checking the time in the content receiver would not do: it runs only
// when body bytes arrive, never while the headers trickle or the server is silent. So a
// thread waits for the deadline or the stop request (std::condition_variable_any wakes on
// either) and then calls httplib::Client::stop(). While a request is in flight, stop()
// only shuts the socket down (shutdown(2), not close(2): the descriptor cannot be reused
// under the exchange), so the blocked read returns at once and the exchange fails; the
// client closes the socket when send() returns. stop() takes the client's socket mutex,
// which send() holds while it connects, so a stop during the connect acts once the connect
// ends (the caller bounds it with the connect timeout). A stop before send() opened its
// socket finds nothing to shut down, so the watchdog repeats it every few milliseconds
// until the exchange ends. Used by one exchange on one thread.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

namespace skylr::http {

// What made a watchdog stop an exchange.
enum class StopReason { kNone, kDeadline, kStopRequested };

class ExchangeWatchdog {
 public:
  // Watches the exchange `client` is about to make until finish(); starts no thread when
  // `deadline` is time_point::max() and no stop can be requested through `stop_token`.
  // `client` must outlive the watchdog.
  ExchangeWatchdog(httplib::Client& client, std::chrono::steady_clock::time_point deadline,
                   std::stop_token stop_token);
  ~ExchangeWatchdog();
  ExchangeWatchdog(const ExchangeWatchdog&) = delete;
  ExchangeWatchdog& operator=(const ExchangeWatchdog&) = delete;

  // Stops watching once the exchange has ended: why the watchdog stopped it, kNone when
  // it did not. Idempotent.
  StopReason finish();

 private:
  void watch();
  // Waits until finish(), the deadline or a stop request; true on finish().
  bool wait_for_end(std::unique_lock<std::mutex>& lock);

  httplib::Client& client_;
  const std::chrono::steady_clock::time_point deadline_;
  const std::stop_token stop_token_;
  std::mutex mutex_;
  std::condition_variable_any finished_;
  bool done_ = false;
  StopReason stopped_ = StopReason::kNone;
  std::thread thread_;
};

}  // namespace skylr::http
