#include "event_bus.h"

#include <algorithm>

#include "event_json.h"

namespace skylr::sim {

EventBus::EventBus(std::size_t max_queued_frames) : max_queued_frames_(max_queued_frames) {}

void EventBus::publish(std::string_view type, std::string json) {
  std::lock_guard lock(mutex_);
  std::erase_if(streams_, [](const auto& stream) { return stream->closed(); });
  for (const auto& stream : streams_) stream->offer(type, json);
  sender_.send(callback_urls_, std::move(json));
}

std::shared_ptr<SseStream> EventBus::attach(std::vector<std::string> event_types,
                                            std::string_view remote_address) {
  auto stream = std::make_shared<SseStream>(std::move(event_types), max_queued_frames_);
  stream->push(sse_frame("event_stream_attached", stream_event("event_stream_attached", remote_address)));
  std::lock_guard lock(mutex_);
  streams_.push_back(stream);
  return stream;
}

void EventBus::close_streams() {
  std::lock_guard lock(mutex_);
  for (const auto& stream : streams_) stream->close();
  streams_.clear();
}

void EventBus::subscribe(const std::string& url) {
  std::lock_guard lock(mutex_);
  if (std::find(callback_urls_.begin(), callback_urls_.end(), url) == callback_urls_.end()) {
    callback_urls_.push_back(url);
  }
}

void EventBus::unsubscribe(const std::string& url) {
  std::lock_guard lock(mutex_);
  std::erase(callback_urls_, url);
}

std::vector<std::string> EventBus::callback_urls() const {
  std::lock_guard lock(mutex_);
  return callback_urls_;
}

}  // namespace skylr::sim
