// The request of a job push (`skylrctl push-job`): the body sent to Marathon's
// `PUT /v2/apps/<id>` or skylrd's `PUT /apps/<id>`. The answer is read with
// protocol/job_result.h. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

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

}  // namespace skylr::protocol
