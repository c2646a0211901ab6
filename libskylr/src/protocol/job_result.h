// What Marathon answered to each app of a job update, as skylrd reports it: per app the
// HTTP status with `deploymentId` and `version`, or Marathon's `message` with the ids of
// the blocking `deployments` (409) and its `details` (4xx), or the `error` when Marathon
// could not be reached; and one HTTP status for the whole request. Pure; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "skylr/http_client.h"
#include "skylr/result.h"

namespace skylr::protocol {

// Marathon's answer to the write for one app, or why there is none.
struct AppOutcome {
  std::string app_id;
  Result<HttpResponse> answer;
};

// {"results":{"/web":{"status":200,"deploymentId":"…","version":"…"},
//  "/api":{"status":409,"message":"…","deployments":["…"]}, "/db":{"error":"…"}}}, apps in
// the order of `outcomes`. A non-JSON error body is reported as its first 200 bytes.
std::string format_update_results(const std::vector<AppOutcome>& outcomes);

// The status of the whole request: 200 when every answer is 2xx; else 502 when some app
// got no answer or a 5xx; else 409 when every failed app was locked by a deployment;
// else 422.
int update_status(const std::vector<AppOutcome>& outcomes);

// One outcome for the audit log: "HTTP 200 deployment <id>", "HTTP 409: <message>" or
// "failed: <error>".
std::string describe_outcome(const AppOutcome& outcome);

}  // namespace skylr::protocol
