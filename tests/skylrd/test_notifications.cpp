#include "notifications.h"

#include <doctest/doctest.h>

#include <thread>

namespace skylr {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

TEST_CASE("skylr::Notifications") {
  Notifications notifications(milliseconds(0), milliseconds(0));

  SUBCASE("a passed deadline gives an empty batch at once") {
    auto batch = notifications.wait_for_batch(steady_clock::now());
    REQUIRE(batch.has_value());
    CHECK(batch->notifications == 0);
  }
  SUBCASE("a notification from another thread wakes the waiter with its reason") {
    std::thread notifier([&] {
      std::this_thread::sleep_for(milliseconds(20));
      notifications.notify("status_update_event");
    });
    auto batch = notifications.wait_for_batch(steady_clock::now() + std::chrono::seconds(10));
    notifier.join();
    REQUIRE(batch.has_value());
    CHECK(batch->notifications == 1);
    CHECK(batch->by_reason.at("status_update_event") == 1);
  }
  SUBCASE("stop wakes the waiter with nothing, for good") {
    std::thread stopper([&] {
      std::this_thread::sleep_for(milliseconds(20));
      notifications.stop();
    });
    CHECK_FALSE(notifications.wait_for_batch(steady_clock::now() + std::chrono::seconds(10)).has_value());
    stopper.join();
    CHECK(notifications.stopped());
    notifications.notify("late");
    CHECK_FALSE(notifications.wait_for_batch(steady_clock::now()).has_value());
  }
}

}  // namespace skylr
