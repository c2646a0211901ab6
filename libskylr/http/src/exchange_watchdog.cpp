#include "exchange_watchdog.h"

#include <algorithm>
#include <utility>

namespace skylr::http {
namespace {

using Clock = std::chrono::steady_clock;

// How often the cancellation is looked at, and a stop repeated until the exchange ends
// (see the header).
constexpr std::chrono::milliseconds kCancelPoll{50};
constexpr std::chrono::milliseconds kRestop{10};

}  // namespace

ExchangeWatchdog::ExchangeWatchdog(httplib::Client& client, Clock::time_point deadline,
                                   std::shared_ptr<const Cancellation> cancellation)
    : client_(client), deadline_(deadline), cancellation_(std::move(cancellation)) {
  if (deadline_ != Clock::time_point::max() || cancellation_) {
    thread_ = std::thread([this] { watch(); });
  }
}

ExchangeWatchdog::~ExchangeWatchdog() { finish(); }

StopReason ExchangeWatchdog::finish() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  finished_.notify_one();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  return stopped_;
}

StopReason ExchangeWatchdog::due() const {
  if (cancellation_ && cancellation_->cancelled()) return StopReason::kCancelled;
  return Clock::now() >= deadline_ ? StopReason::kDeadline : StopReason::kNone;
}

void ExchangeWatchdog::watch() {
  std::unique_lock lock(mutex_);
  auto done = [this] { return done_; };
  while (stopped_ == StopReason::kNone) {
    auto wake = cancellation_ ? std::min(deadline_, Clock::now() + kCancelPoll) : deadline_;
    if (finished_.wait_until(lock, wake, done)) return;
    stopped_ = due();
  }
  // Under the lock, so that finish() cannot return, and the client go, during a stop.
  do {
    client_.stop();
  } while (!finished_.wait_for(lock, kRestop, done));
}

}  // namespace skylr::http
