// The bodies of the events the simulator publishes, shaped as Marathon's event bus sends
// them (docs/docs/event-bus.md). Every body carries "eventType" and "timestamp" (now).
// Pure functions apart from reading the clock.
#pragma once

#include <string>
#include <string_view>

#include "sim_types.h"

namespace skylr::sim {

// status_update_event for `task` in its current state.
std::string status_update_event(const SimTask& task);

// health_status_changed_event with the task's current "alive".
std::string health_status_changed_event(const SimTask& task);

// api_post_event: `client_ip` wrote `uri`, giving `app` (rendered as its definition).
std::string api_post_event(std::string_view client_ip, std::string_view uri, const SimApp& app);

// deployment_info or deployment_step_success: {"plan", "currentStep"} for the running step.
std::string deployment_step_event(std::string_view type, const SimDeployment& deployment);

// deployment_success or deployment_failed: {"id", "plan"}.
std::string deployment_done_event(std::string_view type, const SimDeployment& deployment);

// app_terminated_event for `app_id`.
std::string app_terminated_event(std::string_view app_id);

// subscribe_event or unsubscribe_event: {"callbackUrl", "clientIp"}.
std::string subscription_event(std::string_view type, std::string_view callback_url, std::string_view client_ip);

// event_stream_attached or event_stream_detached: {"remoteAddress"}.
std::string stream_event(std::string_view type, std::string_view remote_address);

}  // namespace skylr::sim
