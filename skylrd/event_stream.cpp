#include "event_stream.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "event_intake.h"
#include "log.h"
#include "skylr/marathon_client.h"
#include "skylr/sse_parser.h"

namespace skylr {
namespace {

// Reads one connection's events until it ends; returns why it ended and whether any
// byte arrived (a stream that delivered something resets the backoff).
std::pair<std::string, bool> read_one_stream(const EventStreamContext& context) {
  std::shared_ptr<const Config> config = context.config->get();
  MarathonTimeouts timeouts = config->marathon_timeouts;
  timeouts.first_byte = context.timing.heartbeat_timeout;  // a stream's longest silence
  MarathonClient marathon(config->marathon_hosts, config->marathon_credentials, *context.http, timeouts);
  SseParser parser;
  std::vector<SseEvent> events;
  bool connected = false;
  std::string failure;
  auto result = marathon.stream("/v2/events", [&](std::string_view chunk) {
    if (!connected) {
      connected = true;
      log_line("events: stream connected; resyncing in full");
      context.notifications->notify("stream_connected");
    }
    events.clear();
    if (Status fed = parser.feed(chunk, events); !fed) {
      failure = fed.error().message;
      return false;
    }
    for (const SseEvent& event : events) {
      auto taken = take_event(event.data, "stream", *context.config->get(), *context.notifications,
                              *context.metrics);
      if (!taken) log_line("events: ignoring a malformed event: " + taken.error().message);
    }
    return !context.notifications->stopped();
  });
  if (!failure.empty()) return {failure, connected};
  if (!result) return {result.error().message, connected};
  if (result->status != 200) return {fmt::format("Marathon answered HTTP {}", result->status), connected};
  return {"the stream ended", connected};
}

}  // namespace

void follow_event_stream(EventStreamContext context) {
  auto backoff = context.timing.first_backoff;
  while (!context.notifications->stopped()) {
    auto [reason, connected] = read_one_stream(context);
    if (context.notifications->stopped()) break;
    if (connected) backoff = context.timing.first_backoff;
    log_line(fmt::format("events: {}; reconnecting in {} ms", reason, backoff.count()));
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, context.timing.max_backoff);
  }
}

}  // namespace skylr
