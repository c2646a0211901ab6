// JSON rendering of simulated tasks and apps as Marathon's REST API answers them: tasks
// (GET /v2/tasks) and apps with their embeds (GET /v2/apps). Pure functions over
// sim_types.h records.
#pragma once

#include <string>
#include <vector>

#include "app_query.h"
#include "json_out.h"
#include "sim_types.h"

namespace skylr::sim {

// The host every simulated task runs on.
inline constexpr const char* kTaskHost = "127.0.0.1";

// The Mesos agent id every simulated task runs on.
inline constexpr const char* kAgentId = "marathon-sim-agent-S0";

// Writes `ids` as [{"id": id}...], the form of an app's or a 409's "deployments".
void write_id_objects(JsonWriter& out, const std::vector<std::string>& ids);

// Writes the member "ipAddresses" of a task: [{"ipAddress": kTaskHost, "protocol": "IPv4"}].
void write_ip_addresses(JsonWriter& out);

// Writes `task` as a task object (state, ports, health results once running).
void write_task(JsonWriter& out, const SimTask& task);

// Writes `app`: its definition, version, and the `embeds` (tasks, counts, the ids of the
// deployments in `deployment_ids`, readiness results).
void write_app(JsonWriter& out, const SimApp& app, const Embeds& embeds,
               const std::vector<std::string>& deployment_ids);

// {"tasks": [task...]}.
std::string tasks_object_json(const std::vector<const SimTask*>& tasks);

// {"task": task}.
std::string task_object_json(const SimTask& task);

}  // namespace skylr::sim
