// Reading an app's Marathon health checks (`healthChecks[]`) for parse_apps and its kin.
#pragma once

#include <rapidjson/document.h>

#include "marathon/filter.h"
#include "skylr/marathon.h"
#include "skylr/result.h"
#include "util/json_path.h"

namespace skylr::marathon {

// The bounds of what read_health_check accepts: the longest `protocol` (Marathon's names
// are far shorter), the largest `portIndex`, `intervalSeconds` and `timeoutSeconds`, and
// `maxConsecutiveFailures`. Integers are never negative.
inline constexpr int kMaxHealthProtocolLength = 32;
inline constexpr int kMaxHealthPortIndex = 1023;
inline constexpr int kMaxHealthSeconds = 86400;
inline constexpr int kMaxHealthFailures = 1'000'000;

// What read_health_check reads of an array of health checks: the rest is dropped while parsing.
extern const JsonSchema kHealthCheckArraySchema;

// Reads the health check object `value` at `path` into `check` (absent or null fields keep
// Marathon's defaults); fails with the JSON path of the first bad value, e.g.
// `apps[0].healthChecks[1].intervalSeconds: expected an integer 0-86400, got "5"`.
Status read_health_check(const rapidjson::Value& value, const util::JsonPath& path, AppHealthCheck& check);

}  // namespace skylr::marathon
