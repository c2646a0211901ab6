// HttpApi: skylrd's HTTP endpoints on cpp-httplib.
//   POST /marathon  Marathon event callbacks; only from the addresses marathon_hosts
//                   resolve to (403 otherwise); malformed bodies 400.
//   GET  /health    200 when synced and HAProxy serves the latest config (ok, or degraded
//                   while a re-read config file was refused), else 503.
//   GET  /metrics   Prometheus text.
//   GET  /status    JSON: services, servers, last sync, last apply, last error.
//   GET  /          the status page (status_page.h); /?view=main only its main part.
//   POST /updateApp, PUT /apps/<id>  job updates (job_update_api.h), when `marathon` is set.
// Unknown paths 404, wrong methods 405, bodies over the limit 413, chunked bodies 411;
// every error body is JSON {"message": ...}. Handlers run on httplib's worker threads.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>

#include "job_update_api.h"
#include "log.h"
#include "metrics.h"
#include "notifications.h"
#include "peer_allowlist.h"
#include "shared_config.h"
#include "skylr/result.h"
#include "status_board.h"

namespace skylr {

// Largest request body accepted.
inline constexpr std::size_t kMaxRequestBody = 1u << 20;

// What the handlers read and write; every member must outlive the server.
struct HttpApiContext {
  const SharedConfig* config = nullptr;
  const PeerAllowlist* marathon_peers = nullptr;
  Notifications* notifications = nullptr;
  Metrics* metrics = nullptr;
  const StatusBoard* board = nullptr;
  MarathonClient* marathon = nullptr;  // where job updates go; null: no job-update endpoints
  AuditLog audit = [](std::string_view line) { log_line(line); };
};

// Registers the endpoints, limits and error handling on `server`.
void install_http_api(httplib::Server& server, const HttpApiContext& context);

// A JSON body {"message": "<message>"}.
std::string json_message(std::string_view message);

}  // namespace skylr
