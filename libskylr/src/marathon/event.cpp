// Marathon events: parse_event, with the apps each event concerns, and the routing filter
// routing_impact.
#include "skylr/event.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "marathon/deployment_event.h"
#include "marathon/json.h"
#include "skylr/config.h"

namespace skylr {

using marathon::Members;
using util::JsonPath;

using marathon::Member;
using marathon::ParsedJson;
using marathon::check_optional_object;
using marathon::parse_object;
using marathon::read_optional;
using marathon::read_optional_app_id;
using marathon::read_required;
namespace {

// Events about one app's tasks, health or definition: they matter when the app is tracked.
constexpr std::array<std::string_view, 9> kAppEvents = {
    "status_update_event",
    "health_status_changed_event",
    "instance_health_changed_event",
    "failed_health_check_event",
    "unhealthy_instance_kill_event",
    "unhealthy_task_kill_event",  // the name before 1.4
    "instance_changed_event",
    "app_terminated_event",
    "api_post_event",
};

// Events that may concern every app, or mean Skylr's view may have missed changes.
constexpr std::array<std::string_view, 6> kGlobalEvents = {
    "deployment_success",   "deployment_failed",     "deployment_info",
    "group_change_success", "event_stream_attached", "event_stream_detached",
};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

enum EventKey { kType, kAppId, kOldAppId, kRunSpecId, kAppDefinition, kTaskId, kTaskStatus };
constexpr std::array<std::string_view, 7> kEventKeys = {
    "eventType", "appId", "appID", "runSpecId", "appDefinition", "taskId", "taskStatus"};
constexpr std::array<std::string_view, 1> kDefinitionKeys = {"id"};

// The app id of an event: `appId`, else `appID` (old Marathon), else `runSpecId`
// (instance_changed_event, instance_health_changed_event), else the `id` of
// api_post_event's `appDefinition`.
Status read_event_app_id(const Members<kEventKeys.size()>& members,
                         std::optional<std::string>& app_id) {
  for (EventKey key : {kAppId, kOldAppId, kRunSpecId}) {
    if (members[key].value != nullptr) return read_optional_app_id(members[key], app_id.emplace());
  }
  const Member definition = members[kAppDefinition];
  if (Status status = check_optional_object(definition); !status) return status;
  const Members definition_members(definition, kDefinitionKeys);
  if (definition_members[0].value == nullptr) return {};
  return read_optional_app_id(definition_members[0], app_id.emplace());
}

// The apps `event` (its body's root `document`) concerns: its app id, or the apps of a
// deployment event's actions, sorted and unique; none when it cannot be attributed.
Status read_event_app_ids(const rapidjson::Value& document, const JsonPath& root, Event& event) {
  if (event.app_id) {
    event.app_ids = {*event.app_id};
    return {};
  }
  if (!marathon::is_deployment_event(event.type)) return {};
  std::vector<std::string>& ids = event.app_ids;
  if (Status status = marathon::read_deployment_app_ids(document, root, ids); !status) return status;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return {};
}

}  // namespace

Result<Event> parse_event(std::string_view body) {
  ParsedJson parsed;
  if (Status status = parse_object(body, "event", parsed); !status) return status.error();
  const JsonPath root;
  const Members members(parsed.document, root, kEventKeys);
  Event event;
  Status status = read_required(members[kType], event.type);
  if (status) status = read_event_app_id(members, event.app_id);
  if (status) status = read_event_app_ids(parsed.document, root, event);
  if (status) status = read_optional(members[kTaskId], event.task_id);
  if (status) status = read_optional(members[kTaskStatus], event.task_status);
  if (!status) return status.error();
  return event;
}

RoutingImpact routing_impact(const Event& event, const Config& config) {
  RoutingImpact impact;
  if (!contains(kGlobalEvents, event.type) && !contains(kAppEvents, event.type)) return impact;
  if (event.app_ids.empty()) {  // cannot tell which apps: assume any
    impact.every_app = true;
    return impact;
  }
  if (config.discovery.enabled) {  // any app may publish itself through its labels
    impact.apps = event.app_ids;
  } else {
    for (const auto& [name, service] : config.services) {
      if (std::binary_search(event.app_ids.begin(), event.app_ids.end(), service.app_id)) {
        impact.apps.push_back(service.app_id);
      }
    }
  }
  std::sort(impact.apps.begin(), impact.apps.end());
  impact.apps.erase(std::unique(impact.apps.begin(), impact.apps.end()), impact.apps.end());
  return impact;
}

}  // namespace skylr
