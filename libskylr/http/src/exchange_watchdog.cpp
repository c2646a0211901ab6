#include "exchange_watchdog.h"

namespace skylr::http {
namespace {

// How often a stop is repeated until the exchange ends (see the header).
constexpr std::chrono::milliseconds kRestop{10};

}  // namespace

ExchangeWatchdog::ExchangeWatchdog(httplib::Client& client,
                                   std::chrono::steady_clock::time_point deadline)
    : client_(client), deadline_(deadline) {
  if (deadline_ != std::chrono::steady_clock::time_point::max()) {
    thread_ = std::thread([this] { watch(); });
  }
}

ExchangeWatchdog::~ExchangeWatchdog() { finish(); }

bool ExchangeWatchdog::finish() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  finished_.notify_one();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  return fired_;
}

void ExchangeWatchdog::watch() {
  std::unique_lock lock(mutex_);
  auto done = [this] { return done_; };
  if (finished_.wait_until(lock, deadline_, done)) return;
  fired_ = true;
  // Under the lock, so that finish() cannot return, and the client go, during a stop.
  do {
    client_.stop();
  } while (!finished_.wait_for(lock, kRestop, done));
}

}  // namespace skylr::http
