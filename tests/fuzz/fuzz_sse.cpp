// Fuzz target: the server-sent-events parser. The first byte picks a chunk size, the
// second a line limit; the rest is the stream. Fed in chunks or whole, the parser must
// give the same events, heartbeats and verdict; no event exceeds the limit, and no type
// or data holds a line break it should have split on.
#include <algorithm>
#include <vector>

#include "fuzz_support.h"
#include "skylr/sse_parser.h"

namespace {

struct Run {
  bool ok = true;
  std::vector<skylr::SseEvent> events;
  std::size_t heartbeats = 0;
};

Run parse(std::string_view stream, std::size_t chunk, std::size_t limit) {
  skylr::SseParser parser(limit);
  Run run;
  for (std::size_t at = 0; at < stream.size() && run.ok; at += chunk) {
    run.ok = parser.feed(stream.substr(at, chunk), run.events).ok();
  }
  run.heartbeats = parser.heartbeats();
  return run;
}

bool same(const std::vector<skylr::SseEvent>& a, const std::vector<skylr::SseEvent>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.type == y.type && x.data == y.data;
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace skylr;
  if (size < 2) return 0;
  std::size_t chunk = 1 + data[0] % 64;
  std::size_t limit = 8 + data[1] * 4u;
  std::string_view stream = fuzz::as_text(data + 2, size - 2);
  Run pieces = parse(stream, chunk, limit);
  Run whole = parse(stream, std::max<std::size_t>(stream.size(), 1), limit);
  fuzz::require(pieces.ok == whole.ok, "chunking changed the verdict");
  fuzz::require(same(pieces.events, whole.events), "chunking changed the events");
  if (pieces.ok)
    fuzz::require(pieces.heartbeats == whole.heartbeats, "chunking changed the heartbeats");
  for (const SseEvent& event : pieces.events) {
    fuzz::require(event.data.size() <= limit && event.type.size() <= limit, "event over the limit");
    fuzz::require(event.type.find_first_of("\r\n") == std::string::npos, "line break in a type",
                  event.type);
    fuzz::require(event.data.find('\r') == std::string::npos, "CR in event data", event.data);
  }
  return 0;
}
