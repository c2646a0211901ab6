#include "sse_stream.h"

#include <algorithm>

namespace skylr::sim {

std::string sse_frame(std::string_view type, std::string_view json) {
  std::string frame = "event: ";
  frame.append(type).append("\r\ndata: ").append(json).append("\r\n\r\n");
  return frame;
}

SseStream::SseStream(std::vector<std::string> event_types, std::size_t max_queued)
    : event_types_(std::move(event_types)), max_queued_(max_queued) {}

void SseStream::push(std::string frame) {
  std::lock_guard lock(mutex_);
  if (closed_) return;
  if (frames_.size() >= max_queued_) {
    closed_ = true;
    frames_.clear();
  } else {
    frames_.push_back(std::move(frame));
  }
  changed_.notify_all();
}

void SseStream::offer(std::string_view type, std::string_view json) {
  bool wanted = event_types_.empty() ||
                std::find(event_types_.begin(), event_types_.end(), type) != event_types_.end();
  if (wanted) push(sse_frame(type, json));
}

std::optional<std::string> SseStream::next(std::chrono::milliseconds heartbeat) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, heartbeat, [&] { return closed_ || !frames_.empty(); });
  if (closed_) return std::nullopt;
  if (frames_.empty()) return std::string("\r\n");
  std::string frame = std::move(frames_.front());
  frames_.pop_front();
  return frame;
}

void SseStream::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  frames_.clear();
  changed_.notify_all();
}

bool SseStream::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

}  // namespace skylr::sim
