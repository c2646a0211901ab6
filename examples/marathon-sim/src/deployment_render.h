// JSON rendering of deployments as Marathon answers them: entries of GET /v2/deployments,
// the {"deploymentId","version"} answer of writes, and the steps and groups carried by
// deployment events. Pure functions over sim_types.h records.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "json_out.h"
#include "sim_types.h"

namespace skylr::sim {

// Writes `deployment` as an entry of GET /v2/deployments.
void write_deployment(JsonWriter& out, const SimDeployment& deployment);

// Writes the deployment's "steps": [{"actions":[{"action","app"}]}...].
void write_steps(JsonWriter& out, const SimDeployment& deployment);

// Writes one step's actions: [{"action":"ScaleApplication","app":"/web"}...], each with an
// empty "readinessCheckResults" when `with_readiness` (the running step's form).
void write_actions(JsonWriter& out, const std::vector<DeploymentAction>& actions, bool with_readiness);

// {"deploymentId": id, "version": version}, the answer to every write.
std::string deployment_result_json(const SimDeployment& deployment);

// A root group holding the app `definitions` (the "original" and "target" of event plans).
std::string group_json(const std::vector<const rapidjson::Value*>& definitions, const std::string& version);

}  // namespace skylr::sim
