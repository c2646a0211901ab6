// EventStream: follows Marathon's GET /v2/events (server-sent events) on a thread of its
// own. Every (re)connect asks for a full resync, since events may have been missed; a
// stream silent for longer than the heartbeat timeout counts as dead; reconnects back
// off exponentially up to a cap, across every stream that failed or was discarded, until
// one proves healthy (reconnect_backoff.h). The thread shares ownership of everything it
// uses, so skylrd may detach it at shutdown while it waits on the network.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>

#include "metrics.h"
#include "notifications.h"
#include "shared_config.h"
#include "skylr/http_client.h"

namespace skylr {

// Timing of the stream follower.
struct EventStreamTiming {
  std::chrono::milliseconds heartbeat_timeout{30000};  // Marathon beats every ~10 s
  std::chrono::milliseconds first_backoff{500};
  std::chrono::milliseconds max_backoff{30000};
  std::chrono::milliseconds healthy_after{60000};  // a stream open this long resets the backoff
};

// What the stream thread shares with the rest of skylrd.
struct EventStreamContext {
  std::shared_ptr<const SharedConfig> config;
  std::shared_ptr<Notifications> notifications;
  std::shared_ptr<Metrics> metrics;
  HttpClient* http = nullptr;  // process-wide
  EventStreamTiming timing;
};

// Follows the stream until context.notifications is stopped; call on a dedicated thread.
void follow_event_stream(EventStreamContext context);

}  // namespace skylr
