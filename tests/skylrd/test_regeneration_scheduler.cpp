#include "regeneration_scheduler.h"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

namespace skylr {

using std::chrono::milliseconds;

TEST_CASE("skylr::RegenerationScheduler") {
  const RegenerationScheduler::TimePoint t0{std::chrono::seconds(1000)};
  RegenerationScheduler scheduler(milliseconds(250), milliseconds(20));

  SUBCASE("nothing pending until notified") { CHECK_FALSE(scheduler.due_at().has_value()); }

  SUBCASE("the first notification after a quiet period waits only the settle delay") {
    scheduler.notify("status_update_event", t0);
    CHECK(scheduler.due_at() == t0 + milliseconds(20));
  }

  SUBCASE("a burst becomes one batch counted by reason") {
    for (int i = 0; i < 1000; ++i) scheduler.notify("status_update_event", t0 + milliseconds(i % 7));
    scheduler.notify("resync", t0 + milliseconds(9));
    CHECK(scheduler.due_at() == t0 + milliseconds(20));
    RegenerationBatch batch = scheduler.take(t0 + milliseconds(20));
    CHECK(batch.notifications == 1001);
    CHECK(batch.by_reason.at("status_update_event") == 1000);
    CHECK(batch.by_reason.at("resync") == 1);
    CHECK(batch.first_at == t0);
    CHECK_FALSE(scheduler.due_at().has_value());
  }

  SUBCASE("regenerations are at least min_interval apart") {
    scheduler.notify("a", t0);
    scheduler.take(t0 + milliseconds(20));
    scheduler.notify("b", t0 + milliseconds(30));
    CHECK(scheduler.due_at() == t0 + milliseconds(270));
    scheduler.notify("c", t0 + milliseconds(400));
    CHECK(scheduler.due_at() == t0 + milliseconds(270));
  }

  SUBCASE("after a long quiet period the interval no longer delays") {
    scheduler.notify("a", t0);
    scheduler.take(t0);
    scheduler.notify("b", t0 + milliseconds(5000));
    CHECK(scheduler.due_at() == t0 + milliseconds(5020));
  }

  SUBCASE("a burst spread over time costs at most elapsed / interval + 2 regenerations") {
    int regenerations = 0;
    auto now = t0;
    for (int ms = 0; ms <= 10000; ++ms, now = t0 + milliseconds(ms)) {
      if (ms % 3 == 0) scheduler.notify("event", now);
      auto due = scheduler.due_at();
      if (due && *due <= now) {
        scheduler.take(now);
        ++regenerations;
      }
    }
    CHECK(regenerations <= 10000 / 250 + 2);
    CHECK(regenerations >= 10000 / 250 - 1);
  }
}

TEST_CASE("skylr::RegenerationScheduler remembers the apps a batch concerns") {
  const RegenerationScheduler::TimePoint t0{std::chrono::seconds(1000)};
  RegenerationScheduler scheduler(milliseconds(0), milliseconds(5));
  const std::vector<std::string> web{"/web"};
  const std::vector<std::string> api_and_web{"/api", "/web"};

  SUBCASE("events naming apps: the apps, once each") {
    scheduler.notify("status_update_event", t0, web);
    scheduler.notify("health_status_changed_event", t0, web);
    scheduler.notify("deployment_info", t0, api_and_web);
    RegenerationBatch batch = scheduler.take(t0 + milliseconds(5));
    CHECK_FALSE(batch.full);
    CHECK(batch.apps == std::set<std::string>{"/api", "/web"});
  }
  SUBCASE("one event that names no app makes the whole batch full") {
    scheduler.notify("status_update_event", t0, web);
    scheduler.notify("event_stream_attached", t0);
    scheduler.notify("status_update_event", t0, api_and_web);
    RegenerationBatch batch = scheduler.take(t0 + milliseconds(5));
    CHECK(batch.full);
    CHECK(batch.apps.empty());
  }
  SUBCASE("the next batch starts targeted again") {
    scheduler.notify("resync", t0);
    CHECK(scheduler.take(t0 + milliseconds(5)).full);
    scheduler.notify("status_update_event", t0 + milliseconds(6), web);
    CHECK_FALSE(scheduler.take(t0 + milliseconds(11)).full);
  }
  SUBCASE("a batch without notifications (the periodic resync) is full") {
    CHECK(scheduler.take(t0).full);
  }
}

}  // namespace skylr
