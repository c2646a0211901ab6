// Marathon events, as POSTed to callback subscribers or sent on the /v2/events stream.
// Skylr treats events as hints that its view of Marathon is stale; only the fields
// that decide whether an event matters are parsed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "skylr/result.h"

namespace skylr {

struct Config;

// One Marathon event.
struct Event {
  std::string type;                   // `eventType`, e.g. "status_update_event"
  // `appId` (old Marathon: `appID`; instance events: `runSpecId`; api_post_event:
  // `appDefinition.id`), normalized; absent when the event names no app.
  std::optional<std::string> app_id;
  std::string task_id;                // `taskId`, when present
  std::string task_status;            // `taskStatus`, when present
};

// Parses one event body. Fails, naming the JSON path, when the body is not a JSON object,
// lacks a string `eventType`, or carries a non-string app id, `taskId` or `taskStatus`
// (or an `appDefinition` that is not an object), e.g. `appId: expected a string, got 1`.
Result<Event> parse_event(std::string_view body);

// True when the event may change what HAProxy should route to for a configured service:
// task, health and app changes of a tracked app, and events that concern every app
// (deployments, group changes, leader changes, stream (re)attachment).
bool event_may_affect_routing(const Event& event, const Config& config);

}  // namespace skylr
