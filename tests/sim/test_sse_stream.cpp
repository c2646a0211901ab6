#include <doctest/doctest.h>

#include "callback_sender.h"
#include "sse_stream.h"

namespace skylr::sim {

using namespace std::chrono_literals;

TEST_CASE("skylr::sim::sse_frame") {
  CHECK(sse_frame("status_update_event", R"({"a":1})") == "event: status_update_event\r\ndata: {\"a\":1}\r\n\r\n");
}

TEST_CASE("skylr::sim::SseStream") {
  SUBCASE("frames in order, then heartbeats") {
    SseStream stream({}, 10);
    stream.push("first");
    stream.offer("a", "{}");
    CHECK(stream.next(1s) == "first");
    CHECK(stream.next(1s) == sse_frame("a", "{}"));
    CHECK(stream.next(10ms) == "\r\n");
  }
  SUBCASE("the event type filter") {
    SseStream stream({"b", "c"}, 10);
    stream.offer("a", "{}");
    stream.offer("c", "{}");
    CHECK(stream.next(1s) == sse_frame("c", "{}"));
    CHECK(stream.next(10ms) == "\r\n");
  }
  SUBCASE("a closed stream ends") {
    SseStream stream({}, 10);
    stream.offer("a", "{}");
    stream.close();
    CHECK(stream.closed());
    CHECK_FALSE(stream.next(1s).has_value());
  }
  SUBCASE("a slow reader is dropped") {
    SseStream stream({}, 2);
    stream.offer("a", "{}");
    stream.offer("a", "{}");
    CHECK_FALSE(stream.closed());
    stream.offer("a", "{}");
    CHECK(stream.closed());
  }
}

TEST_CASE("skylr::sim::split_url") {
  using Split = std::pair<std::string, std::string>;
  CHECK(split_url("http://127.0.0.1:3030/marathon?x=1") == Split{"http://127.0.0.1:3030", "/marathon?x=1"});
  CHECK(split_url("http://host:80") == Split{"http://host:80", "/"});
  CHECK(split_url("host:80/a") == Split{"host:80", "/a"});
}

}  // namespace skylr::sim
