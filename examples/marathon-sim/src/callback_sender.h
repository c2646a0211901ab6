// CallbackSender: delivers events to HTTP callback subscribers (Marathon's http_callback
// event subscriber) from one background thread, so that a slow or dead subscriber never
// blocks the API. Each POST has 1 s connect/read/write timeouts; failures are dropped, as
// Marathon drops them. Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace skylr::sim {

// "http://host:port/path?q" split into the origin "http://host:port" and the target
// "/path?q" ("/" when the URL has no path).
std::pair<std::string, std::string> split_url(std::string_view url);

class CallbackSender {
 public:
  // Starts the delivery thread.
  CallbackSender();

  // Stops the delivery thread; undelivered events are dropped.
  ~CallbackSender();

  CallbackSender(const CallbackSender&) = delete;
  CallbackSender& operator=(const CallbackSender&) = delete;

  // Queues a POST of the JSON `body` to every URL of `urls`.
  void send(std::vector<std::string> urls, std::string body);

 private:
  struct Delivery {
    std::vector<std::string> urls;
    std::string body;
  };
  void run();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Delivery> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace skylr::sim
