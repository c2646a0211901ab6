// EventBus: the simulator's event bus. Every published event goes to each attached
// GET /v2/events stream (filtered by the stream's event types) and is POSTed to each
// callback URL subscribed through /v2/eventSubscriptions. Publishing never blocks on the
// network. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "callback_sender.h"
#include "event_sink.h"
#include "sse_stream.h"

namespace skylr::sim {

class EventBus : public EventSink {
 public:
  // A bus whose streams are dropped when more than `max_queued_frames` frames wait.
  explicit EventBus(std::size_t max_queued_frames = 4096);

  // Sends the event to every stream and callback subscriber.
  void publish(std::string_view type, std::string json) override;

  // A new stream for a client at `remote_address` passing `event_types` (all when empty);
  // its first frame is event_stream_attached.
  std::shared_ptr<SseStream> attach(std::vector<std::string> event_types, std::string_view remote_address);

  // Closes every attached stream (clients see the end of the response).
  void close_streams();

  // Adds `url` to the callback subscribers (once).
  void subscribe(const std::string& url);

  // Removes `url` from the callback subscribers.
  void unsubscribe(const std::string& url);

  // The callback subscribers, in subscription order.
  std::vector<std::string> callback_urls() const;

 private:
  const std::size_t max_queued_frames_;
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<SseStream>> streams_;
  std::vector<std::string> callback_urls_;
  CallbackSender sender_;
};

}  // namespace skylr::sim
