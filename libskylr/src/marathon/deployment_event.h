// The apps a Marathon deployment event acts on, read from the event's `currentStep` or
// `plan` (`{"steps":[{"actions":[{"action":"ScaleApplication","app":"/web"}, ...]}, ...]}`;
// a pod's action names a `pod` instead). Pure; thread-safe.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <vector>

#include "skylr/result.h"
#include "util/json_path.h"

namespace skylr::marathon {

// True for the events that carry a deployment plan: deployment_info, deployment_success,
// deployment_failed, deployment_step_success and deployment_step_failure.
bool is_deployment_event(std::string_view type);

// Appends to `app_ids` the `app` of each action of the deployment event `event` (the body's
// root, at `path`): of `currentStep` when it is present, else of every step of `plan`;
// nothing when neither is present. Ids are normalized (see normalize_app_id), in the order
// met. Fails naming the JSON path of a value of the wrong type, e.g.
// `plan.steps[0].actions[1].app: expected a string, got 3`.
Status read_deployment_app_ids(const rapidjson::Value& event, const util::JsonPath& path,
                               std::vector<std::string>& app_ids);

}  // namespace skylr::marathon
