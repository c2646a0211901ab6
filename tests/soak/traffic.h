// Traffic: one thread sending steady traffic through HAProxy to every service: one request
// in flight per service (HttpProbe, all driven by one poll() loop, so a stalled service does
// not slow the others), the next one `pace` after the last answer. Every exchange goes to
// the AnswerCheck; the last few per service are kept for the recovery probe. Thread-safe.
#pragma once

#include <atomic>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "answer_check.h"
#include "soak_time.h"

namespace skylr::soak {

// A recent exchange of one service.
struct RecentExchange {
  TimePoint sent;
  Failure failure = Failure::kOk;
  std::string task_id;  // when answered
};

class Traffic {
 public:
  // Sends to the HAProxy ports `ports` (one per service) until stop() or destruction.
  Traffic(std::vector<int> ports, Millis pace, AnswerCheck& check);
  ~Traffic();
  Traffic(const Traffic&) = delete;
  Traffic& operator=(const Traffic&) = delete;

  // Stops sending and joins the thread (the requests in flight are dropped). Idempotent.
  void stop();

  // The last exchanges of service `service`, newest last (at most kKeptPerService).
  std::vector<RecentExchange> recent(std::size_t service) const;

  static constexpr std::size_t kKeptPerService = 3;

 private:
  void run();
  // Records the finished exchange of `service`.
  void finish(std::size_t service, const HttpProbe& probe, TimePoint at);

  const std::vector<int> ports_;
  const Millis pace_;
  AnswerCheck& check_;
  mutable std::mutex mutex_;
  std::vector<std::deque<RecentExchange>> recent_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace skylr::soak
