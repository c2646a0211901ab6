// Cancellation: a flag one thread raises to make another thread's blocking work (an
// HttpClient exchange, a MarathonClient call) give up early, e.g. when skylrd stops.
// Raising it is for good. Thread-safe.
#pragma once

#include <atomic>

namespace skylr {

class Cancellation {
 public:
  // Raises the flag; work that watches it ends soon after.
  void cancel() { cancelled_.store(true); }

  // True once cancel() was called.
  bool cancelled() const { return cancelled_.load(); }

 private:
  std::atomic<bool> cancelled_{false};
};

}  // namespace skylr
