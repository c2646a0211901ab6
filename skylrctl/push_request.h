// Sending a job push — to Marathon directly or through skylrd — and reporting the answer.
// Either way the answer for the app becomes an AppResult (protocol/job_result.h), so one
// report and one exit code fit both.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "protocol/job_result.h"
#include "skylr/config.h"
#include "skylr/http_client.h"
#include "skylr/marathon_client.h"

namespace skylr {

// What a push got back: the result for the app, or why there is none.
struct PushAnswer {
  std::optional<protocol::AppResult> result;
  int exit_code = 0;    // when there is no result: the exit code (exit_codes.h)
  std::string message;  // when there is no result: the line for stderr
};

// Sends `PUT /v2/apps<app_id>?force=<force>` with `body` through `marathon`. Without an
// answer: kExitRefused when Marathon refused the credentials, else kExitUnreachable.
PushAnswer push_to_marathon(MarathonClient& marathon, const std::string& app_id, const std::string& body,
                            bool force);

// Sends `PUT <skylrd>/apps<app_id>?force=<force>` with `body` and `Authorization: Bearer
// <token>` through `http`. Without a result: kExitUnreachable when skylrd cannot be
// reached, kExitRefused for 401 and 403, kExitError for any other answer without one.
PushAnswer push_to_skylrd(HttpClient& http, const MarathonEndpoint& skylrd, const std::string& token,
                          const std::string& app_id, const std::string& body, bool force);

// Reports `result` for `app_id` — "deployment <id> started for /web (version <v>)" on
// `out`, a failure on `err` — and returns its exit code: kExitDone for 2xx, kExitLocked
// for 409, kExitUnreachable when Marathon gave no answer or a 5xx, kExitRefused for 401
// and 403 or refused credentials, kExitError for any other status.
int report_push(const protocol::AppResult& result, const std::string& app_id, std::ostream& out, std::ostream& err);

}  // namespace skylr
