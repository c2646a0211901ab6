#include "skylr/sse_parser.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace skylr {
namespace {

std::vector<SseEvent> parse_in_chunks(std::string_view stream, std::size_t chunk_size) {
  SseParser parser;
  std::vector<SseEvent> events;
  for (std::size_t i = 0; i < stream.size(); i += chunk_size) {
    REQUIRE(parser.feed(stream.substr(i, chunk_size), events).ok());
  }
  return events;
}

}  // namespace

TEST_CASE("skylr::SseParser") {
  SUBCASE("Marathon frames, split at every possible point") {
    std::string_view stream =
        "event: event_stream_attached\r\ndata: {\"remoteAddress\":\"127.0.0.1\"}\r\n\r\n"
        "\r\n"
        "event: status_update_event\r\ndata: {\"appId\":\"/web\"}\r\n\r\n";
    for (std::size_t chunk = 1; chunk <= stream.size(); ++chunk) {
      CAPTURE(chunk);
      auto events = parse_in_chunks(stream, chunk);
      REQUIRE(events.size() == 2);
      CHECK(events[0].type == "event_stream_attached");
      CHECK(events[0].data == R"({"remoteAddress":"127.0.0.1"})");
      CHECK(events[1].type == "status_update_event");
      CHECK(events[1].data == R"({"appId":"/web"})");
    }
  }
  SUBCASE("LF and CR line ends, multi-line data, comments, unknown fields") {
    auto events = parse_in_chunks(": comment\nid: 7\ndata: a\ndata:b\rretry: 5\r\r", 3);
    REQUIRE(events.size() == 1);
    CHECK(events[0].type == "message");
    CHECK(events[0].data == "a\nb");
  }
  SUBCASE("an event without data is not dispatched; blank lines count as heartbeats") {
    SseParser parser;
    std::vector<SseEvent> events;
    REQUIRE(parser.feed("event: x\n\n\r\n\r\n", events).ok());
    CHECK(events.empty());
    CHECK(parser.heartbeats() == 3);
  }
  SUBCASE("an unfinished event waits for its blank line") {
    SseParser parser;
    std::vector<SseEvent> events;
    REQUIRE(parser.feed("event: x\ndata: 1\n", events).ok());
    CHECK(events.empty());
    REQUIRE(parser.feed("\n", events).ok());
    CHECK(events.size() == 1);
  }
  SUBCASE("an endless line fails instead of growing") {
    SseParser parser(16);
    std::vector<SseEvent> events;
    auto status = parser.feed(std::string(17, 'x'), events);
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().message == "event stream: line longer than 16 bytes");
  }
  SUBCASE("data spread over many short lines is bounded too") {
    SseParser parser(16);
    std::vector<SseEvent> events;
    auto status = parser.feed("data: 0123456789\ndata: 0123456789\n", events);
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().message == "event stream: event data longer than 16 bytes");
  }
}

}  // namespace skylr
