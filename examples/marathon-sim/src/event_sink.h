// EventSink: where the simulated cluster publishes its events. The real sink is EventBus
// (SSE streams and HTTP callbacks); tests may record instead. Implementations must be
// thread-safe and must not block on the network.
#pragma once

#include <string>
#include <string_view>

namespace skylr::sim {

class EventSink {
 public:
  virtual ~EventSink() = default;

  // Delivers the event of type `type` whose body is the JSON text `json`.
  virtual void publish(std::string_view type, std::string json) = 0;
};

}  // namespace skylr::sim
