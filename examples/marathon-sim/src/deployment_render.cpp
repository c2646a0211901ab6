#include "deployment_render.h"

#include "sim_render.h"

namespace skylr::sim {

void write_actions(JsonWriter& out, const std::vector<DeploymentAction>& actions, bool with_readiness) {
  out.StartArray();
  for (const auto& action : actions) {
    out.StartObject();
    write_member(out, "action", action_name(action.kind));
    write_member(out, "app", action.app_id);
    if (with_readiness) {
      out.Key("readinessCheckResults");
      out.StartArray();
      out.EndArray();
    }
    out.EndObject();
  }
  out.EndArray();
}

void write_steps(JsonWriter& out, const SimDeployment& deployment) {
  out.Key("steps");
  out.StartArray();
  for (const auto& step : deployment.steps) {
    out.StartObject();
    out.Key("actions");
    write_actions(out, step, false);
    out.EndObject();
  }
  out.EndArray();
}

void write_deployment(JsonWriter& out, const SimDeployment& deployment) {
  std::vector<std::string> apps;
  for (const auto& action : deployment.steps.front()) apps.push_back(action.app_id);
  out.StartObject();
  write_member(out, "id", deployment.id);
  write_member(out, "version", deployment.version);
  out.Key("affectedApps");
  write_strings(out, apps);
  out.Key("affectedPods");
  out.StartArray();
  out.EndArray();
  write_steps(out, deployment);
  out.Key("currentActions");
  write_actions(out, deployment.steps[deployment.current], true);
  out.Key("currentStep");
  out.Uint64(deployment.current + 1);
  out.Key("totalSteps");
  out.Uint64(deployment.steps.size());
  out.EndObject();
}

std::string deployment_result_json(const SimDeployment& deployment) {
  return write_json([&](JsonWriter& out) {
    out.StartObject();
    write_member(out, "deploymentId", deployment.id);
    write_member(out, "version", deployment.version);
    out.EndObject();
  });
}

std::string group_json(const std::vector<const rapidjson::Value*>& definitions, const std::string& version) {
  return write_json([&](JsonWriter& out) {
    out.StartObject();
    write_member(out, "id", "/");
    out.Key("apps");
    out.StartArray();
    for (const auto* definition : definitions) definition->Accept(out);
    out.EndArray();
    out.Key("groups");
    out.StartArray();
    out.EndArray();
    write_member(out, "version", version);
    out.EndObject();
  });
}

}  // namespace skylr::sim
