// Fuzz target: Marathon event bodies (callbacks and the event stream). Each either fails
// with a short one-line error or gives an event whose app id, when present, is absolute
// and canonical, and whose app ids are canonical, sorted and unique (just the app id when
// it has one); the routing filter runs on it against the fixed config.
#include "fuzz_support.h"
#include "skylr/event.h"
#include "skylr/marathon.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace skylr;
  Result<Event> event = parse_event(fuzz::as_text(data, size));
  if (!event.ok()) {
    fuzz::require_loggable(event.error(), 512);
    return 0;
  }
  if (event->app_id) {
    const std::string& id = *event->app_id;
    fuzz::require(id.starts_with('/') && normalize_app_id(id) == id, "event app id not canonical",
                  id);
    fuzz::require(event->app_ids == std::vector<std::string>{id}, "event app ids not its app id", id);
  }
  for (std::size_t i = 0; i < event->app_ids.size(); ++i) {
    const std::string& id = event->app_ids[i];
    fuzz::require(id.starts_with('/') && normalize_app_id(id) == id, "event app ids not canonical", id);
    fuzz::require(i == 0 || event->app_ids[i - 1] < id, "event app ids not sorted and unique", id);
  }
  RoutingImpact impact = routing_impact(*event, fuzz::fixed_config());
  fuzz::require(!impact.every_app || impact.apps.empty(), "routing impact on every app lists apps", event->type);
  return 0;
}
