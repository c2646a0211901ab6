// Event intake: what skylrd does with one Marathon event body, whether it came as a
// callback (POST /marathon) or on the /v2/events stream. The event is counted and, when
// it may change routing for a configured service, marks those apps dirty (or every app,
// when it cannot be attributed). The body is only a hint: the sync that follows reads
// the apps' current state from Marathon.
#pragma once

#include <string_view>

#include "metrics.h"
#include "notifications.h"
#include "skylr/config.h"
#include "skylr/event.h"
#include "skylr/result.h"

namespace skylr {

// Parses `body`, counts it under `source`, and notifies for the followed apps it may
// change the routing of (routing_impact), or for every app.
// Fails, naming the JSON path, on a malformed body (counted as type "malformed").
Result<Event> take_event(std::string_view body, std::string_view source, const Config& config,
                         Notifications& notifications, Metrics& metrics);

}  // namespace skylr
