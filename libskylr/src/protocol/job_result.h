// One app's result of a job update, the wire format skylrd answers /updateApp and
// PUT /apps/<id> with, its writer and its reader together: per app the HTTP status of
// Marathon's answer with `deploymentId` and `version`, or Marathon's `message` with the
// ids of the blocking `deployments` (409) and its `details` (4xx), or the `error` when
// Marathon could not be reached. skylrd makes each AppResult from Marathon's answer
// (app_result) and writes them (write_update_results); skylrctl reads its app's back
// (parse_app_result) or, pushing to Marathon directly, makes the same AppResult itself.
// Also the status of the whole request, the audit text and the message of an error
// answer. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "skylr/http_client.h"
#include "skylr/result.h"

namespace skylr::protocol {

// What a job update did to one app, as skylrd reports it.
struct AppResult {
  int status = 0;                        // Marathon's HTTP status; 0 when it gave none
  std::string deployment_id;             // 2xx: the deployment started, or ""
  std::string version;                   // 2xx: the app's new version, or ""
  std::string message;                   // not 2xx: Marathon's message
  std::vector<std::string> deployments;  // not 2xx: the deployments holding the app (409)
  std::string details;                   // not 2xx: Marathon's "details" as compact JSON, or ""
  std::string error;                     // why Marathon gave no answer, or ""
};

// What `marathon_answer` (to a write of one app) reports. 2xx: the deployment id of the
// Marathon-Deployment-Id header or the body's "deploymentId", and the body's "version".
// Otherwise the body's "message" — of a body that is not a JSON object, its first 200
// bytes (control and non-ASCII bytes as '?'), or "HTTP <status>" when it is empty — the
// ids of its "deployments" (strings, or objects with an "id") and its "details". No
// answer: its error.
AppResult app_result(const Result<HttpResponse>& marathon_answer);

// One app of a job update and its result.
struct AppOutcome {
  std::string app_id;
  AppResult result;
};

// {"results":{"/web":{"status":200,"deploymentId":"…","version":"…"},
//  "/api":{"status":409,"message":"…","deployments":["…"]}, "/db":{"error":"…"}}}, apps in
// the order of `outcomes`; empty members other than "message" are left out.
std::string write_update_results(const std::vector<AppOutcome>& outcomes);

// The result for `app_id` in `body`, as write_update_results writes it. Fails on invalid
// JSON ("skylrd's answer: invalid JSON at ..."), when the app has no result
// (`results: no result for /web`) or a member has the wrong type, naming its JSON path.
Result<AppResult> parse_app_result(std::string_view body, std::string_view app_id);

// The status of the whole request: 200 when every answer is 2xx; else 502 when some app
// got no answer or a 5xx; else 409 when every failed app was locked by a deployment;
// else 422.
int update_status(const std::vector<AppOutcome>& outcomes);

// One result for the audit log: "HTTP 200 deployment <id>", "HTTP 409: <message>" (its
// first 200 bytes, control and non-ASCII bytes as '?') or "failed: <error>".
std::string describe_outcome(const AppResult& result);

// What an error answer says: the "message" of a JSON body {"message": ...}, else the
// body's first 200 bytes (control and non-ASCII bytes as '?'), or "HTTP <status>" when
// the body is empty.
std::string answer_message(int status, std::string_view body);

}  // namespace skylr::protocol
