// JSON rendering of the simulated cluster as Marathon's REST API answers it: tasks
// (GET /v2/tasks), apps with their embeds (GET /v2/apps), deployments (GET /v2/deployments)
// and the plans carried by deployment events. Pure functions over sim_types.h records.
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

// Writes the member "ipAddresses" of a task: [{"ipAddress": kTaskHost, "protocol": "IPv4"}].
void write_ip_addresses(JsonWriter& out);

// Writes `task` as a task object (state, ports, health results once running).
void write_task(JsonWriter& out, const SimTask& task);

// Writes `app`: its definition, version, and the `embeds` (tasks, counts, the ids of the
// deployments in `deployment_ids`, readiness results).
void write_app(JsonWriter& out, const SimApp& app, const Embeds& embeds,
               const std::vector<std::string>& deployment_ids);

// Writes `deployment` as an entry of GET /v2/deployments.
void write_deployment(JsonWriter& out, const SimDeployment& deployment);

// Writes the deployment's "steps": [{"actions":[{"action","app"}]}...].
void write_steps(JsonWriter& out, const SimDeployment& deployment);

// Writes one step's actions: [{"action":"ScaleApplication","app":"/web"}...], each with an
// empty "readinessCheckResults" when `with_readiness` (the running step's form).
void write_actions(JsonWriter& out, const std::vector<DeploymentAction>& actions, bool with_readiness);

// {"tasks": [task...]}.
std::string tasks_object_json(const std::vector<const SimTask*>& tasks);

// {"task": task}.
std::string task_object_json(const SimTask& task);

// {"deploymentId": id, "version": version}, the answer to every write.
std::string deployment_result_json(const SimDeployment& deployment);

// A root group holding the app `definitions` (the "original" and "target" of event plans).
std::string group_json(const std::vector<const rapidjson::Value*>& definitions, const std::string& version);

}  // namespace skylr::sim
