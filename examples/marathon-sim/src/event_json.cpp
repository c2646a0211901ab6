#include "event_json.h"

#include <functional>

#include "deployment_render.h"
#include "json_out.h"
#include "sim_clock.h"
#include "sim_render.h"

namespace skylr::sim {
namespace {

std::string event_json(std::string_view type, const std::function<void(JsonWriter&)>& fields) {
  return write_json([&](JsonWriter& out) {
    out.StartObject();
    write_member(out, "eventType", type);
    write_member(out, "timestamp", now_timestamp());
    fields(out);
    out.EndObject();
  });
}

void write_plan(JsonWriter& out, const SimDeployment& deployment) {
  out.Key("plan");
  out.StartObject();
  write_member(out, "id", deployment.id);
  out.Key("original");
  write_raw(out, deployment.original);
  out.Key("target");
  write_raw(out, deployment.target);
  write_steps(out, deployment);
  write_member(out, "version", deployment.version);
  out.EndObject();
}

}  // namespace

std::string status_update_event(const SimTask& task) {
  return event_json("status_update_event", [&](JsonWriter& out) {
    write_member(out, "slaveId", kAgentId);
    write_member(out, "taskId", task.id);
    write_member(out, "taskStatus", task_state_name(task.state));
    write_member(out, "message", "");
    write_member(out, "appId", task.app_id);
    write_member(out, "host", kTaskHost);
    write_ip_addresses(out);
    out.Key("ports");
    write_ints(out, task.ports);
    write_member(out, "version", task.version);
  });
}

std::string health_status_changed_event(const SimTask& task) {
  return event_json("health_status_changed_event", [&](JsonWriter& out) {
    write_member(out, "appId", task.app_id);
    write_member(out, "instanceId", task.id);
    write_member(out, "taskId", task.id);
    write_member(out, "version", task.version);
    out.Key("alive");
    out.Bool(task.alive);
  });
}

std::string api_post_event(std::string_view client_ip, std::string_view uri, const SimApp& app) {
  return event_json("api_post_event", [&](JsonWriter& out) {
    write_member(out, "clientIp", client_ip);
    write_member(out, "uri", uri);
    out.Key("appDefinition");
    write_app(out, app, Embeds{}, {});
  });
}

std::string deployment_step_event(std::string_view type, const SimDeployment& deployment) {
  return event_json(type, [&](JsonWriter& out) {
    write_plan(out, deployment);
    out.Key("currentStep");
    out.StartObject();
    out.Key("actions");
    write_actions(out, deployment.steps[deployment.current], false);
    out.EndObject();
  });
}

std::string deployment_done_event(std::string_view type, const SimDeployment& deployment) {
  return event_json(type, [&](JsonWriter& out) {
    write_member(out, "id", deployment.id);
    write_plan(out, deployment);
  });
}

std::string app_terminated_event(std::string_view app_id) {
  return event_json("app_terminated_event", [&](JsonWriter& out) { write_member(out, "appId", app_id); });
}

std::string subscription_event(std::string_view type, std::string_view callback_url, std::string_view client_ip) {
  return event_json(type, [&](JsonWriter& out) {
    write_member(out, "callbackUrl", callback_url);
    write_member(out, "clientIp", client_ip);
  });
}

std::string stream_event(std::string_view type, std::string_view remote_address) {
  return event_json(type, [&](JsonWriter& out) { write_member(out, "remoteAddress", remote_address); });
}

}  // namespace skylr::sim
