// JobUpdateApi: skylrd's authenticated job-update endpoints, forwarding to Marathon.
//   POST /updateApp[?force=true]          {"<app id>": {<fields>}, ...}
//   PUT  /apps/<app id...>[?force=true]   {<fields>}
// A request needs `Authorization: Bearer <token>` matching a job_updates token (401 and
// `WWW-Authenticate: Bearer` otherwise; 403 when no token is configured at all). The body
// is parsed and authorised as a whole before anything is sent (400 malformed, 403 refused
// app or field); then each app is PUT (or PATCHed) to Marathon in the body's order and the
// answer reports each app (skylr/job_update_result.h). Every request leaves audit lines.
// Handlers run on httplib's worker threads; the context's members must be thread-safe.
#pragma once

#include <httplib.h>

#include <functional>
#include <string_view>

#include "shared_config.h"
#include "skylr/file_system.h"
#include "skylr/marathon_client.h"
#include "skylr/result.h"

namespace skylr {

// Where audit lines go (skylrd: log_line).
using AuditLog = std::function<void(std::string_view line)>;

// What the handlers use; every member must outlive the server.
struct JobUpdateContext {
  const SharedConfig* config = nullptr;
  MarathonClient* marathon = nullptr;
  AuditLog audit;
};

// Registers POST /updateApp and PUT /apps/... on `server`.
void install_job_update_api(httplib::Server& server, const JobUpdateContext& context);

// Completes a freshly loaded `config.job_updates`: adds the tokens of `tokens_file`, read
// through `fs`. Fails naming the file and the problem.
Status prepare_job_updates(FileSystem& fs, Config& config);

}  // namespace skylr
