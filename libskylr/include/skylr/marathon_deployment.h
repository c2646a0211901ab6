// Marathon's deployments in progress, as `GET /v2/deployments` lists them: what
// `skylrctl push-job --wait` follows until its deployment is gone. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "skylr/result.h"

namespace skylr {

// One deployment in progress.
struct Deployment {
  std::string id;
  std::string version;                     // empty when Marathon gave none
  std::vector<std::string> affected_apps;  // app ids, e.g. "/web"
  int current_step = 0;                    // 1-based; 0 when Marathon gave none
  int total_steps = 0;                     // 0 when Marathon gave none
};

// The deployments of a `GET /v2/deployments` answer, `[{"id":...}, ...]`. Fails on
// invalid JSON ("GET /v2/deployments: invalid JSON at line L, column C: <reason>"), on a
// body that is not an array, on an entry without a string `id`, or on a present member of
// the wrong type, naming its JSON path: `[0].currentStep: expected an integer 0-1000000,
// got "2"`. Unknown members are ignored.
Result<std::vector<Deployment>> parse_deployments(std::string_view body);

// The deployment `id` of `deployments`, or nullptr.
const Deployment* find_deployment(const std::vector<Deployment>& deployments, std::string_view id);

}  // namespace skylr
