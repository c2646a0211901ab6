// Marathon's deployments in progress, as `GET /v2/deployments` lists them: what
// `skylrctl push-job --wait` follows until its deployment is gone, and the versions of an
// app, which tell whether the update took effect or another one replaced it. Pure;
// thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "skylr/result.h"

namespace skylr::marathon {

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

// The versions of one app (timestamps as Marathon writes them; empty when absent).
struct AppVersions {
  std::string version;                // the latest change of any kind
  std::string last_config_change_at;  // versionInfo: the latest change of the definition
  std::string last_scaling_at;        // versionInfo: the latest change of `instances`
};

// The versions in a `GET /v2/apps/{id}` answer, `{"app":{"version":...,"versionInfo":{...}}}`.
// Fails on invalid JSON ("app: invalid JSON at ...") or naming the JSON path
// of a value of the wrong type, e.g. `app.versionInfo: expected an object, got 3`.
Result<AppVersions> parse_app_versions(std::string_view body);

// Whether the update Marathon answered with `version` is in effect in `app`: no later
// change of the same kind replaced it (a later scaling leaves a definition change in effect).
bool update_in_effect(const AppVersions& app, std::string_view version);

}  // namespace skylr::marathon
