// The client side of a job push (`skylrctl push-job`): the body sent to Marathon's
// `PUT /v2/apps/<id>` or skylrd's `PUT /apps/<id>`, and the reading of the answer for one
// app in the form skylrd reports it (skylr/job_update_result.h), so that both ways of
// pushing end in the same PushResult, and the message of an error answer. Pure;
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skylr/result.h"

namespace skylr::protocol {

// App fields given on the command line; they win over the same fields of a file.
struct AppFieldOverrides {
  std::optional<int> instances;
  std::optional<double> cpus;
  std::optional<double> mem;
};

// The JSON body of a push to `app_id` ("/web"): the object in `file_text` (none when
// empty) without its "id", with `overrides` set. Fails, naming `file_name`, when the text
// is not a JSON object (`app.json: invalid JSON at line 1, column 2: ...`, `app.json:
// expected an object, got an array`) or its id is another app's (`app.json: "id" is
// "/api", not the app pushed (/web)`).
Result<std::string> push_body(std::string_view app_id, std::string_view file_text, std::string_view file_name,
                              const AppFieldOverrides& overrides);

// What a push did to one app.
struct PushResult {
  int status = 0;                        // Marathon's HTTP status; 0 when it gave none
  std::string deployment_id;             // on success
  std::string version;                   // on success
  std::string message;                   // Marathon's message when the status is not 2xx
  std::vector<std::string> deployments;  // 409: the deployments holding the app
  std::string details;                   // Marathon's "details" as compact JSON, or ""
  std::string error;                     // why Marathon gave no answer, or ""
};

// The result for `app_id` in `body`, `{"results":{"<app_id>":{...}}}`. Fails on invalid
// JSON ("skylrd's answer: invalid JSON at ..."), when the app has no result
// (`results: no result for /web`) or a member has the wrong type, naming its JSON path.
Result<PushResult> parse_push_result(std::string_view body, std::string_view app_id);

// What an error answer says: the "message" of a JSON body {"message": ...}, else the
// body's first 200 bytes (control and non-ASCII bytes as '?'), or "HTTP <status>" when
// the body is empty.
std::string answer_message(int status, std::string_view body);

}  // namespace skylr::protocol
