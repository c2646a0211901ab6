// Marathon events, as POSTed to callback subscribers or sent on the /v2/events stream.
// Skylr treats events as hints that its view of Marathon is stale; only the fields
// that decide whether an event matters, and for which apps, are parsed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  // The apps whose routing the event may change, normalized like `app_id`, sorted and
  // unique: `app_id` when the event names one; for a deployment event (deployment_info,
  // deployment_success, deployment_failed, deployment_step_success,
  // deployment_step_failure) the `app` of each action of its `currentStep` when it has one,
  // else of every step of its `plan`. Empty when the event cannot be attributed to apps
  // (a group change, a stream (re)attachment, a deployment of pods only...): then any app
  // may have changed.
  std::vector<std::string> app_ids;
};

// Parses one event body. Fails, naming the JSON path, when the body is not a JSON object,
// lacks a string `eventType`, or carries a non-string app id, `taskId` or `taskStatus`
// (or an `appDefinition` that is not an object), e.g. `appId: expected a string, got 1`,
// or, in a deployment event, a value of the wrong type on the way to an action's `app`
// (`currentStep.actions[0].app: expected a string, got 7`).
Result<Event> parse_event(std::string_view body);

// The apps of configured services whose routing one event may change.
struct RoutingImpact {
  bool every_app = false;         // the event cannot be attributed to apps: any may have changed
  std::vector<std::string> apps;  // otherwise: the followed apps among its app_ids, sorted
};

// What `event` may change for `config`'s services. Task, health and app events and
// deployment events concern their app_ids (those no service follows change nothing, unless
// label discovery is on: then every app may publish itself);
// without app_ids, and for group changes and stream (re)attachment, every app. Other
// events (subscriptions, framework messages, health check definitions, deployment steps)
// change nothing: `every_app` false and `apps` empty.
RoutingImpact routing_impact(const Event& event, const Config& config);

}  // namespace skylr
