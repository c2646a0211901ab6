#include "exchange_watchdog.h"

#include <utility>

namespace skylr::http {
namespace {

using Clock = std::chrono::steady_clock;

// How often a stop is repeated until the exchange ends (see the header).
constexpr std::chrono::milliseconds kRestop{10};

}  // namespace

ExchangeWatchdog::ExchangeWatchdog(httplib::Client& client, Clock::time_point deadline,
                                   std::stop_token stop_token)
    : client_(client), deadline_(deadline), stop_token_(std::move(stop_token)) {
  if (deadline_ != Clock::time_point::max() || stop_token_.stop_possible()) {
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

bool ExchangeWatchdog::wait_for_end(std::unique_lock<std::mutex>& lock) {
  auto done = [this] { return done_; };
  if (deadline_ == Clock::time_point::max()) return finished_.wait(lock, stop_token_, done);
  return finished_.wait_until(lock, stop_token_, deadline_, done);
}

void ExchangeWatchdog::watch() {
  std::unique_lock lock(mutex_);
  if (wait_for_end(lock)) return;
  stopped_ = stop_token_.stop_requested() ? StopReason::kStopRequested : StopReason::kDeadline;
  // Under the lock, so that finish() cannot return, and the client go, during a stop.
  do {
    client_.stop();
  } while (!finished_.wait_for(lock, kRestop, [this] { return done_; }));
}

}  // namespace skylr::http
