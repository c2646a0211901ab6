// A hostile Marathon: garbage, truncated and wrongly shaped answers, 500s, a redirect
// loop, a 10 MB and an endless app list, a server that never answers or trickles its
// answer, and event streams
// that stay silent or send one endless line. Skylr's fetches fail in bounded time with a
// clear reason; skylrd keeps the last good config and /health says why; the event stream
// follower reconnects with bounded memory.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <thread>

#include "event_stream.h"
#include "hostile_support.h"
#include "skylr/httplib_client.h"
#include "skylr/marathon_client.h"

namespace skylr::hostile {
namespace {

MarathonEndpoint endpoint_of(int port) { return MarathonEndpoint{"http", "127.0.0.1", port, ""}; }

MarathonClient client_of(const std::vector<MarathonEndpoint>& endpoints,
                         std::chrono::milliseconds total = 30s) {
  return MarathonClient(endpoints, std::nullopt, httplib_client(),
                        MarathonTimeouts{1000ms, 2000ms, total});
}

// fetch_apps() with its duration.
std::pair<Result<std::vector<App>>, std::chrono::milliseconds> timed_fetch(MarathonClient& client) {
  auto start = std::chrono::steady_clock::now();
  Result<std::vector<App>> apps = client.fetch_apps();
  return {std::move(apps), std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - start)};
}

}  // namespace

TEST_CASE(
    "hostile Marathon: every bad answer fails the fetch in bounded time with a clear reason") {
  FakeMarathon marathon;
  marathon.set_tasks({31000});
  MarathonClient client = client_of({endpoint_of(marathon.port())});
  struct Case {
    AppsAnswer answer;
    std::string reason;
    std::chrono::milliseconds within;
  };
  const Case cases[] = {
      {AppsAnswer::kGarbage, "GET /v2/apps?embed=apps.tasks: apps: invalid JSON at line 1", 1s},
      {AppsAnswer::kTruncated, "invalid JSON at line 1", 1s},
      {AppsAnswer::kWrongShape, "apps: expected an array", 1s},
      {AppsAnswer::kError500, fmt::format("no Marathon answered: {}: HTTP 500", marathon.origin()),
       1s},
      {AppsAnswer::kRedirectLoop, "redirect loop", 1s},
      {AppsAnswer::kEndless,
       fmt::format("answer from {} exceeds 67108864 bytes", marathon.origin()), 10s},
      {AppsAnswer::kSilent, "read timed out", 3s},
  };
  for (const Case& c : cases) {
    CAPTURE(c.reason);
    marathon.set_apps_answer(c.answer);
    auto [apps, took] = timed_fetch(client);
    REQUIRE_FALSE(apps.ok());
    CHECK_MESSAGE(apps.error().message.find(c.reason) != std::string::npos, apps.error().message);
    CHECK(took < c.within);
  }
}

TEST_CASE("hostile Marathon: a 10 MB app list is read whole in bounded time") {
  FakeMarathon marathon;
  marathon.set_tasks({31000});
  marathon.set_apps_answer(AppsAnswer::kHuge);
  MarathonClient client = client_of({endpoint_of(marathon.port())});
  auto [apps, took] = timed_fetch(client);
  REQUIRE_MESSAGE(apps.ok(), apps.error().message);
  CHECK(apps->size() == 12001);
  CHECK(took < 10s);
}

TEST_CASE(
    "hostile Marathon: a Marathon that accepts and never answers times out, the next one is "
    "asked") {
  testing::HeldPort mute;  // connections complete in its backlog, nothing ever answers
  FakeMarathon marathon;
  marathon.set_tasks({31000});
  MarathonClient client = client_of({endpoint_of(mute.port()), endpoint_of(marathon.port())});
  auto [apps, took] = timed_fetch(client);
  REQUIRE_MESSAGE(apps.ok(), apps.error().message);
  CHECK(took < 4s);
  auto [again, took_again] = timed_fetch(client);  // the one that answered is asked first now
  CHECK(again.ok());
  CHECK(took_again < 1s);
}

TEST_CASE(
    "hostile Marathon: an answer trickled past the deadline fails, then the next Marathon is "
    "asked") {
  FakeMarathon trickling;
  trickling.set_tasks({31000});
  trickling.set_apps_answer(AppsAnswer::kTrickle);
  FakeMarathon marathon;
  marathon.set_tasks({31000});
  MarathonClient alone = client_of({endpoint_of(trickling.port())}, 1500ms);
  auto [failed, took] = timed_fetch(alone);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().message ==
        fmt::format("no Marathon answered: {}: no complete answer before the deadline",
                    trickling.origin()));
  CHECK(took < 2500ms);
  MarathonClient both =
      client_of({endpoint_of(trickling.port()), endpoint_of(marathon.port())}, 1500ms);
  auto [apps, took_both] = timed_fetch(both);
  REQUIRE_MESSAGE(apps.ok(), apps.error().message);
  CHECK(took_both < 2500ms);
}

TEST_CASE("hostile Marathon: skylrd keeps the last good config and /health says why") {
  auto task = backend();
  FakeMarathon marathon;
  marathon.set_tasks({task->port()});
  Skylrd skylrd(marathon);
  REQUIRE(skylrd.await_health(200, R"("status":"ok")", 15s));
  const std::string good = skylrd.live_config();
  REQUIRE(good.find(fmt::format("127.0.0.1:{}", task->port())) != std::string::npos);
  auto other = backend();
  marathon.set_tasks({task->port(), other->port()});  // what a good answer would now add
  struct Case {
    AppsAnswer answer;
    std::string reason;
  };
  const Case cases[] = {
      {AppsAnswer::kGarbage,
       "cannot read Marathon: GET /v2/apps?embed=apps.tasks: apps: invalid JSON"},
      {AppsAnswer::kTruncated, "invalid JSON"},
      {AppsAnswer::kWrongShape, "apps: expected an array"},
      {AppsAnswer::kError500, "HTTP 500"},
      {AppsAnswer::kRedirectLoop, "redirect loop"},
      {AppsAnswer::kEndless, "exceeds 67108864 bytes"},
      {AppsAnswer::kSilent, "read timed out"},
      {AppsAnswer::kTrickle, "no complete answer before the deadline"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.reason);
    marathon.set_apps_answer(c.answer);
    CHECK(skylrd.await_health(503, c.reason, 30s));
    CHECK(skylrd.live_config() == good);
    CHECK(testing::http_get(skylrd.service_port()) == "backend");
  }
  check_memory_growth("skylrd through the hostile answers", 0, rss_kib(skylrd.pid()), 256 * 1024);
  marathon.set_apps_answer(AppsAnswer::kHuge);
  CHECK(skylrd.await_health(200, R"("status":"ok")", 30s));
  CHECK(skylrd.live_config().find(fmt::format("127.0.0.1:{}", other->port())) != std::string::npos);
}

TEST_CASE("hostile Marathon: skylrd stops within 2 s of SIGTERM whatever Marathon does") {
  struct Case {
    AppsAnswer answer;
    std::string name;
  };
  for (const Case& c : {Case{AppsAnswer::kTrickle, "trickle"}, Case{AppsAnswer::kSilent, "silent"}}) {
    CAPTURE(c.name);
    FakeMarathon marathon;
    marathon.set_tasks({31000});
    marathon.set_apps_answer(c.answer);
    marathon.set_events_answer(EventsAnswer::kSilent);
    Skylrd skylrd(marathon, {.follow_events = true});
    REQUIRE(testing::wait_until(
        [&] {
          return marathon.apps_requests() > 0 && marathon.event_streams() > 0 &&
                 marathon.subscriptions() > 0;
        },
        5s));
    std::this_thread::sleep_for(300ms);  // the sync reads, the stream and the subscription wait
    auto started = std::chrono::steady_clock::now();
    int code = skylrd.stop(2s);
    CHECK_MESSAGE(code == 0, "exit code ", code, "; skylrd's log:\n", skylrd.log());
    CHECK(std::chrono::steady_clock::now() - started < 2s);
  }
}

TEST_CASE("hostile Marathon: silent and endless event streams are dropped and reconnected") {
  FakeMarathon marathon;
  Config config;
  config.marathon_hosts = {endpoint_of(marathon.port())};
  auto shared = std::make_shared<SharedConfig>(config);
  auto notifications = std::make_shared<Notifications>(0ms, 0ms);
  auto metrics = std::make_shared<Metrics>();
  EventStreamTiming timing{300ms, 50ms, 200ms};
  struct Case {
    EventsAnswer answer;
    std::chrono::milliseconds within;
  };
  for (const Case& c : {Case{EventsAnswer::kSilent, 5s}, Case{EventsAnswer::kEndlessLine, 20s}}) {
    marathon.set_events_answer(c.answer);
    int connected_before = marathon.event_streams();
    long rss_before = rss_kib(::getpid());
    std::thread follower(follow_event_stream, EventStreamContext{shared, notifications, metrics,
                                                                 &httplib_client(), timing});
    bool reconnected = testing::wait_until(
        [&] { return marathon.event_streams() >= connected_before + 3; }, c.within);
    long rss_after = rss_kib(::getpid());
    notifications->stop();
    follower.join();
    notifications = std::make_shared<Notifications>(0ms, 0ms);
    CHECK_MESSAGE(reconnected, "the follower did not reconnect twice within ", c.within.count(),
                  " ms");
    check_memory_growth("the stream follower's process", rss_before, rss_after, 64 * 1024);
  }
}

TEST_CASE("hostile Marathon: a stream that always sends an over-long line is reconnected ever later") {
  FakeMarathon marathon;
  marathon.set_events_answer(EventsAnswer::kEndlessLine);
  Config config;
  config.marathon_hosts = {endpoint_of(marathon.port())};
  auto notifications = std::make_shared<Notifications>(0ms, 0ms);
  EventStreamTiming timing{2000ms, 100ms, 1600ms};
  std::thread follower(follow_event_stream,
                       EventStreamContext{std::make_shared<SharedConfig>(config), notifications,
                                          std::make_shared<Metrics>(), &httplib_client(), timing});
  std::this_thread::sleep_for(3s);
  int streams = marathon.event_streams();
  notifications->stop();
  follower.join();
  // Waits of 100, 200, 400, 800 and 1600 ms: 5 streams in 3 s, plus one for slow machines;
  // a backoff reset by every stream would make one about every 100 ms.
  MESSAGE(streams, " streams in 3 s");
  CHECK(streams >= 3);
  CHECK(streams <= 6);
}

}  // namespace skylr::hostile
