// Helpers shared by the HTTP routes of the simulator: JSON answers, error answers, query
// parameters and the context every route reads.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

#include "api_error.h"
#include "apps_answer_fault.h"
#include "event_bus.h"
#include "sim_options.h"
#include "sim_state.h"

namespace skylr::sim {

// The header a standby master (--standby-of) puts on the requests it forwards to the
// primary, with its own "host:port": such requests are answered even while the primary
// has lost leadership, since the standby then leads.
inline constexpr const char* kStandbyHeader = "X-Sim-Standby";

// What the routes work on. `leader_url` ("http://127.0.0.1:<port>") is set before serving.
struct RouteContext {
  SimState& state;
  EventBus& bus;
  const SimOptions& options;
  std::atomic<bool> leader_available{true};
  std::atomic<bool> stopping{false};
  AppsAnswerFault apps_fault;  // POST /_sim/answers/apps
  std::string leader_url;
};

// Answers `status` with the JSON text `body`.
void reply_json(httplib::Response& res, int status, const std::string& body);

// Answers with the error's status and body.
void reply_error(httplib::Response& res, const ApiError& error);

// Answers 200 with the JSON text of `result`, or with its error.
void reply_result(httplib::Response& res, const ApiResult<std::string>& result);

// Answers a write: 201 with Location when it created an app, else 200, with the header
// Marathon-Deployment-Id when it started a deployment; or the error.
void reply_write(httplib::Response& res, const ApiResult<WriteOutcome>& result, const std::string& location);

// True when the query parameter `name` is "true" (any case).
bool flag_param(const httplib::Request& req, const char* name);

// Every value of the (repeatable) query parameter `name`, in order.
std::vector<std::string> param_values(const httplib::Request& req, const char* name);

// The app id of a URL path segment: normalized when valid, else "/" + raw (such an id is
// never found, so lookups answer 404).
std::string path_app_id(const std::string& raw);

}  // namespace skylr::sim
