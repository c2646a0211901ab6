// ReconnectBackoff: how long the event stream follower waits before it reconnects. The
// wait doubles, up to a cap, after every stream that failed or was discarded (refused,
// silent, an over-long line, only malformed events), and starts over only after a stream
// that proved healthy: it delivered at least one valid event, or it stayed open for a
// while. So a Marathon, or a proxy, that breaks every stream costs one connect and one
// full resync per cap at most, not several a second. Pure: durations are passed in. Not
// thread-safe: one follower owns it.
#pragma once

#include <chrono>

namespace skylr {

// What one stream showed of its health.
struct StreamHealth {
  bool delivered_event = false;         // at least one valid event
  std::chrono::milliseconds lasted{0};  // from the request to the end of the stream
};

class ReconnectBackoff {
 public:
  // Waits `first`, doubling up to `max`; a stream open for `healthy_after` is healthy.
  ReconnectBackoff(std::chrono::milliseconds first, std::chrono::milliseconds max,
                   std::chrono::milliseconds healthy_after);

  // The wait before the next connect, after a stream that ended with `health`: `first`
  // after a healthy stream (and the first time), else twice the previous wait, at most
  // `max`.
  std::chrono::milliseconds after(const StreamHealth& health);

 private:
  std::chrono::milliseconds first_;
  std::chrono::milliseconds max_;
  std::chrono::milliseconds healthy_after_;
  std::chrono::milliseconds next_;
};

}  // namespace skylr
