#include "event_relay.h"

namespace skylr::sim {
namespace {

// Longest silence accepted from the primary's stream; its heartbeats come far more often.
constexpr auto kUpstreamSilence = std::chrono::minutes(5);

}  // namespace

EventRelay::EventRelay(const std::string& host, int port, std::string target, httplib::Headers headers)
    : client_(host, port) {
  client_.set_connection_timeout(std::chrono::seconds(2));
  client_.set_read_timeout(kUpstreamSilence);
  thread_ = std::thread([this, target = std::move(target), headers = std::move(headers)]() mutable {
    run(std::move(target), std::move(headers));
  });
}

EventRelay::~EventRelay() {
  close();
  thread_.join();
}

void EventRelay::run(std::string target, httplib::Headers headers) {
  httplib::Request request;
  request.method = "GET";
  request.path = std::move(target);
  request.headers = std::move(headers);
  request.response_handler = [this](const httplib::Response& response) {
    std::lock_guard lock(mutex_);
    head_ = response;
    changed_.notify_all();
    return !closed_;
  };
  request.content_receiver = [this](const char* data, std::size_t length, std::uint64_t, std::uint64_t) {
    std::lock_guard lock(mutex_);
    chunks_.emplace_back(data, length);
    changed_.notify_all();
    return !closed_;
  };
  client_.send(request);
  std::lock_guard lock(mutex_);
  ended_ = true;
  changed_.notify_all();
}

std::optional<httplib::Response> EventRelay::wait_head(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [this] { return head_.has_value() || ended_; });
  return head_;
}

std::optional<std::string> EventRelay::next(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, wait, [this] { return !chunks_.empty() || ended_ || closed_; });
  if (closed_) return std::nullopt;
  if (chunks_.empty()) return ended_ ? std::nullopt : std::optional<std::string>("");
  std::string bytes = std::move(chunks_.front());
  chunks_.pop_front();
  return bytes;
}

std::string EventRelay::rest(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [this] { return ended_; });
  std::string body;
  for (const auto& chunk : chunks_) body += chunk;
  chunks_.clear();
  return body;
}

void EventRelay::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }
  client_.stop();
}

}  // namespace skylr::sim
