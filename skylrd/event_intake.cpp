#include "event_intake.h"

namespace skylr {

Result<Event> take_event(std::string_view body, std::string_view source, const Config& config,
                         Notifications& notifications, Metrics& metrics) {
  Result<Event> event = parse_event(body);
  if (!event) {
    metrics.count_event(source, "malformed");
    return event;
  }
  metrics.count_event(source, event->type);
  RoutingImpact impact = routing_impact(*event, config);
  if (impact.every_app) {
    notifications.notify(event->type);
  } else if (!impact.apps.empty()) {
    notifications.notify(event->type, impact.apps);
  }
  return event;
}

}  // namespace skylr
