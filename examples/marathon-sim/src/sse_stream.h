// SseStream: the outgoing queue of one GET /v2/events client. The event bus offers every
// event; the stream keeps the frames its `event_type` filter accepts until the HTTP thread
// serving the client takes them. A reader that falls too far behind is dropped (the stream
// closes), as Marathon drops slow readers. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skylr::sim {

// The SSE frame "event: <type>\r\ndata: <json>\r\n\r\n".
std::string sse_frame(std::string_view type, std::string_view json);

class SseStream {
 public:
  // A stream passing the events whose type is in `event_types` (all when empty), closing
  // when more than `max_queued` frames wait.
  SseStream(std::vector<std::string> event_types, std::size_t max_queued);

  // Queues `frame` whatever its type (the stream's first frame).
  void push(std::string frame);

  // Queues the frame of an event of `type` with body `json` when the filter accepts it.
  void offer(std::string_view type, std::string_view json);

  // The next bytes to send: a queued frame, the heartbeat "\r\n" when nothing came within
  // `heartbeat`, or nothing once the stream is closed.
  std::optional<std::string> next(std::chrono::milliseconds heartbeat);

  // Closes the stream; pending frames are dropped and next() returns nothing.
  void close();

  // True once closed.
  bool closed() const;

 private:
  const std::vector<std::string> event_types_;
  const std::size_t max_queued_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> frames_;
  bool closed_ = false;
};

}  // namespace skylr::sim
