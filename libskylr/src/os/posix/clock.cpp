// The real Clock: std::chrono's steady and system clocks.
#include "skylr/clock.h"

#include <thread>

namespace skylr {
namespace {

class SystemClock final : public Clock {
 public:
  std::chrono::steady_clock::time_point now() const override {
    return std::chrono::steady_clock::now();
  }
  std::chrono::system_clock::time_point wall_now() const override {
    return std::chrono::system_clock::now();
  }
  void sleep_for(std::chrono::milliseconds duration) const override {
    std::this_thread::sleep_for(duration);
  }
};

}  // namespace

Clock& default_clock() {
  static SystemClock clock;
  return clock;
}

}  // namespace skylr
