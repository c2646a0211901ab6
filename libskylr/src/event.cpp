// Marathon events: parse_event and the routing filter event_may_affect_routing.
#include "skylr/event.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "marathon_json.h"
#include "skylr/config.h"

namespace skylr {
namespace {

// Events about one app's tasks, health or definition: they matter when the app is tracked.
constexpr std::array<std::string_view, 9> kAppEvents = {
    "status_update_event",         "health_status_changed_event",
    "instance_health_changed_event", "failed_health_check_event",
    "unhealthy_instance_kill_event", "unhealthy_task_kill_event",  // the name before 1.4
    "instance_changed_event",      "app_terminated_event",
    "api_post_event",
};

// Events that may concern every app, or mean Skylr's view may have missed changes.
constexpr std::array<std::string_view, 6> kGlobalEvents = {
    "deployment_success",  "deployment_failed",     "deployment_info",
    "group_change_success", "event_stream_attached", "event_stream_detached",
};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The app id of an event: `appId`, else `appID` (old Marathon), else `runSpecId`
// (instance_changed_event, instance_health_changed_event), else the `id` of
// api_post_event's `appDefinition`.
Status read_event_app_id(const rapidjson::Value& body, const JsonPath& path,
                         std::optional<std::string>& app_id) {
  for (std::string_view key : {"appId", "appID", "runSpecId"}) {
    if (find_member(body, key) != nullptr) {
      return read_optional_app_id(body, key, path, app_id.emplace());
    }
  }
  const rapidjson::Value* definition = nullptr;
  Status status = find_object(body, "appDefinition", path, definition);
  if (!status || definition == nullptr || find_member(*definition, "id") == nullptr) return status;
  return read_optional_app_id(*definition, "id", path.member("appDefinition"), app_id.emplace());
}

}  // namespace

Result<Event> parse_event(std::string_view body) {
  auto document = parse_json(body, "event");
  if (!document) return document.error();
  JsonPath root;
  Event event;
  Status status = check_object(*document, root);
  if (status) status = read_required_string(*document, "eventType", root, event.type);
  if (status) status = read_event_app_id(*document, root, event.app_id);
  if (status) status = read_optional_string(*document, "taskId", root, event.task_id);
  if (status) status = read_optional_string(*document, "taskStatus", root, event.task_status);
  if (!status) return status.error();
  return event;
}

bool event_may_affect_routing(const Event& event, const Config& config) {
  if (contains(kGlobalEvents, event.type)) return true;
  if (!contains(kAppEvents, event.type)) return false;
  if (!event.app_id) return true;  // cannot tell which app: assume a tracked one
  return std::any_of(config.services.begin(), config.services.end(), [&event](const auto& entry) {
    return entry.second.app_id == *event.app_id;
  });
}

}  // namespace skylr
