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
  if (event_may_affect_routing(*event, config)) notifications.notify(event->type);
  return event;
}

}  // namespace skylr
