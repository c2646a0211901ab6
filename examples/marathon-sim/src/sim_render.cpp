#include "sim_render.h"

#include "app_definition.h"

namespace skylr::sim {
namespace {

void write_optional_time(JsonWriter& out, const char* key, const std::string& time) {
  out.Key(key);
  if (time.empty()) {
    out.Null();
  } else {
    write_string(out, time);
  }
}

void write_health_results(JsonWriter& out, const SimTask& task) {
  out.Key("healthCheckResults");
  out.StartArray();
  out.StartObject();
  out.Key("alive");
  out.Bool(task.alive);
  out.Key("consecutiveFailures");
  out.Int(task.consecutive_failures);
  write_optional_time(out, "firstSuccess", task.first_success);
  write_optional_time(out, "lastSuccess", task.last_success);
  write_optional_time(out, "lastFailure", task.last_failure);
  out.Key("lastFailureCause");
  if (task.last_failure.empty()) {
    out.Null();
  } else {
    write_string(out, "marked unhealthy through /_sim");
  }
  write_member(out, "instanceId", task.id);
  out.EndObject();
  out.EndArray();
}

void write_counts(JsonWriter& out, const SimApp& app) {
  int staged = 0, running = 0, healthy = 0, unhealthy = 0;
  for (const auto& task : app.tasks) {
    staged += task.state == TaskState::kStaging;
    bool up = task.state == TaskState::kRunning;
    running += up;
    healthy += up && task.health_checked && task.alive;
    unhealthy += up && task.health_checked && !task.alive;
  }
  out.Key("tasksStaged");
  out.Int(staged);
  out.Key("tasksRunning");
  out.Int(running);
  out.Key("tasksHealthy");
  out.Int(healthy);
  out.Key("tasksUnhealthy");
  out.Int(unhealthy);
}

void write_embeds(JsonWriter& out, const SimApp& app, const Embeds& embeds,
                  const std::vector<std::string>& deployment_ids) {
  if (embeds.counts) write_counts(out, app);
  if (embeds.deployments) {
    out.Key("deployments");
    write_id_objects(out, deployment_ids);
  }
  if (embeds.readiness) {
    out.Key("readinessCheckResults");
    out.StartArray();
    out.EndArray();
  }
  if (embeds.tasks) {
    out.Key("tasks");
    out.StartArray();
    for (const auto& task : app.tasks) write_task(out, task);
    out.EndArray();
  }
}

}  // namespace

void write_id_objects(JsonWriter& out, const std::vector<std::string>& ids) {
  out.StartArray();
  for (const auto& id : ids) {
    out.StartObject();
    write_member(out, "id", id);
    out.EndObject();
  }
  out.EndArray();
}

void write_ip_addresses(JsonWriter& out) {
  out.Key("ipAddresses");
  out.StartArray();
  out.StartObject();
  write_member(out, "ipAddress", kTaskHost);
  write_member(out, "protocol", "IPv4");
  out.EndObject();
  out.EndArray();
}

void write_task(JsonWriter& out, const SimTask& task) {
  out.StartObject();
  write_member(out, "id", task.id);
  write_member(out, "appId", task.app_id);
  write_member(out, "host", kTaskHost);
  write_ip_addresses(out);
  out.Key("ports");
  write_ints(out, task.ports);
  out.Key("servicePorts");
  write_ints(out, task.service_ports);
  write_member(out, "slaveId", kAgentId);
  write_member(out, "state", task_state_name(task.state));
  write_member(out, "stagedAt", task.staged_at);
  if (!task.started_at.empty()) write_member(out, "startedAt", task.started_at);
  write_member(out, "version", task.version);
  if (task.health_checked && task.state == TaskState::kRunning) write_health_results(out, task);
  out.EndObject();
}

void write_app(JsonWriter& out, const SimApp& app, const Embeds& embeds,
               const std::vector<std::string>& deployment_ids) {
  out.StartObject();
  for (const auto& member : app.definition.GetObject()) {
    out.Key(member.name.GetString(), member.name.GetStringLength());
    member.value.Accept(out);
  }
  write_member(out, "version", app.version);
  out.Key("versionInfo");
  out.StartObject();
  write_member(out, "lastScalingAt", app.last_scaling_at);
  write_member(out, "lastConfigChangeAt", app.last_config_change_at);
  out.EndObject();
  write_embeds(out, app, embeds, deployment_ids);
  out.EndObject();
}

std::string tasks_object_json(const std::vector<const SimTask*>& tasks) {
  return write_json([&](JsonWriter& out) {
    out.StartObject();
    out.Key("tasks");
    out.StartArray();
    for (const auto* task : tasks) write_task(out, *task);
    out.EndArray();
    out.EndObject();
  });
}

std::string task_object_json(const SimTask& task) {
  return write_json([&](JsonWriter& out) {
    out.StartObject();
    out.Key("task");
    write_task(out, task);
    out.EndObject();
  });
}

}  // namespace skylr::sim
