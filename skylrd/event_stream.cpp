#include "event_stream.h"

#include <fmt/format.h>

#include <chrono>
#include <thread>
#include <vector>

#include "event_intake.h"
#include "log.h"
#include "reconnect_backoff.h"
#include "skylr/marathon_client.h"
#include "skylr/sse_parser.h"

namespace skylr {
namespace {

// Reads one connection's events until it ends; returns why it ended and whether it
// delivered a valid event (which resets the backoff).
std::pair<std::string, bool> read_one_stream(const EventStreamContext& context) {
  std::shared_ptr<const Config> config = context.config->get();
  MarathonTimeouts timeouts = config->marathon_timeouts;
  timeouts.first_byte = context.timing.heartbeat_timeout;  // a stream's longest silence
  MarathonClient marathon(config->marathon_hosts, config->marathon_credentials, *context.http, timeouts);
  SseParser parser;
  std::vector<SseEvent> events;
  bool connected = false;
  bool delivered = false;
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
      if (!taken) log_line(LogLevel::kWarning, "events: ignoring a malformed event: " + taken.error().message);
      delivered = delivered || taken.ok();
    }
    return !context.notifications->stopped();
  });
  if (!failure.empty()) return {failure, delivered};
  if (!result) return {result.error().message, delivered};
  if (result->status != 200) return {fmt::format("Marathon answered HTTP {}", result->status), delivered};
  return {"the stream ended", delivered};
}

}  // namespace

void follow_event_stream(EventStreamContext context) {
  const EventStreamTiming& timing = context.timing;
  ReconnectBackoff backoff(timing.first_backoff, timing.max_backoff, timing.healthy_after);
  while (!context.notifications->stopped()) {
    auto started = std::chrono::steady_clock::now();
    auto [reason, delivered] = read_one_stream(context);
    if (context.notifications->stopped()) break;
    auto lasted = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    auto wait = backoff.after(StreamHealth{delivered, lasted});
    log_line(LogLevel::kWarning, fmt::format("events: {}; reconnecting in {} ms", reason, wait.count()));
    std::this_thread::sleep_for(wait);
  }
}

}  // namespace skylr
