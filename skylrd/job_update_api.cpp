#include "job_update_api.h"

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/tokens_file.h"
#include "http_api.h"
#include "protocol/job_result.h"
#include "protocol/job_update.h"
#include "token_auth.h"

namespace skylr {

using config::load_tokens_file;
using protocol::app_result;
using protocol::AppOutcome;
using protocol::AppUpdate;
using protocol::authorize_updates;
using protocol::parse_update_app;
using protocol::parse_update_apps;
using protocol::update_status;
using protocol::write_update_results;

namespace {

constexpr const char* kJson = "application/json";
constexpr std::string_view kDisabled =
    "job updates are disabled: configure job_updates.tokens or job_updates.tokens_file";

// How a request's apps are read from it (400 when malformed).
using RequestParser = Result<std::vector<AppUpdate>> (*)(const httplib::Request&);

// One request being handled.
struct Exchange {
  const JobUpdateContext& context;
  const httplib::Request& request;
  httplib::Response& response;
  std::shared_ptr<const Config> config;
  std::string caller;  // `token "<name>"` once authenticated

  void reply(int status, std::string body) {
    response.status = status;
    response.set_content(std::move(body), kJson);
  }

  // Answers `status` with `message` and audits the refusal.
  void refuse(int status, std::string_view message) {
    std::string who = caller.empty() ? "" : " for " + caller;
    context.audit(fmt::format("audit: job update refused{} from {}: {}", who, request.remote_addr, message));
    reply(status, json_message(message));
  }
};

// True once the caller presented a configured token (named in `exchange.caller`); else
// the exchange has been answered 403 (no tokens) or 401.
bool authenticate(Exchange& exchange) {
  const std::vector<ApiToken>& tokens = exchange.config->job_updates.tokens;
  if (tokens.empty()) {
    exchange.refuse(403, kDisabled);
    return false;
  }
  std::string authorization = exchange.request.get_header_value("Authorization");
  std::optional<std::string_view> presented = bearer_token(authorization);
  std::optional<std::string> name = presented ? match_token(tokens, *presented) : std::nullopt;
  if (!name) {
    exchange.response.set_header("WWW-Authenticate", "Bearer");
    exchange.refuse(401, presented ? "the bearer token is not valid"
                                   : "a bearer token is required: send Authorization: Bearer <token>");
    return false;
  }
  exchange.caller = fmt::format("token {:?}", *name);
  return true;
}

// The ?force= parameter: absent or "false" is false, "true" is true.
Result<bool> read_force(const httplib::Request& request) {
  if (!request.has_param("force")) return false;
  std::string value = request.get_param_value("force");
  if (value == "true" || value == "false") return value == "true";
  return Error{fmt::format("force: expected true or false, got {:?}", value)};
}

// Sends `update` to Marathon and audits the outcome.
AppOutcome push(const Exchange& exchange, const AppUpdate& update, bool force) {
  std::string_view method = exchange.config->job_updates.use_patch ? "PATCH" : "PUT";
  std::string target = marathon_update_target(update, force);
  AppOutcome outcome{update.app_id,
                     app_result(exchange.context.marathon->send(method, target, marathon_update_body(update)))};
  exchange.context.audit(fmt::format("audit: job update by {} from {}: app {} fields {}{} -> {}", exchange.caller,
                                     exchange.request.remote_addr, update.app_id, describe_fields(update),
                                     force ? " (force)" : "", describe_outcome(outcome.result)));
  return outcome;
}

// Sends every update to Marathon in order and answers with the results.
void forward(Exchange& exchange, const std::vector<AppUpdate>& updates, bool force) {
  std::vector<AppOutcome> outcomes;
  for (const AppUpdate& update : updates) outcomes.push_back(push(exchange, update, force));
  exchange.reply(update_status(outcomes), write_update_results(outcomes));
}

void handle(const JobUpdateContext& context, const httplib::Request& request, httplib::Response& response,
            RequestParser parse) {
  Exchange exchange{context, request, response, context.config->get(), ""};
  if (!authenticate(exchange)) return;
  Result<bool> force = read_force(request);
  if (!force) return exchange.refuse(400, force.error().message);
  Result<std::vector<AppUpdate>> updates = parse(request);
  if (!updates) return exchange.refuse(400, updates.error().message);
  if (Status allowed = authorize_updates(*updates, *exchange.config); !allowed) {
    return exchange.refuse(403, allowed.error().message);
  }
  forward(exchange, *updates, *force);
}

Result<std::vector<AppUpdate>> parse_update_request(const httplib::Request& request) {
  return parse_update_apps(request.body);
}

// PUT /apps/<id>: the id as written, which must not hide '/' or '.' in %-escapes.
Result<std::vector<AppUpdate>> parse_app_request(const httplib::Request& request) {
  std::string_view raw_path = std::string_view(request.target).substr(0, request.target.find('?'));
  if (raw_path.find('%') != std::string_view::npos) {
    return Error{fmt::format("the app id must not be percent-encoded: {:?}", raw_path)};
  }
  Result<AppUpdate> update = parse_update_app(request.matches[1].str(), request.body);
  if (!update) return update.error();
  return std::vector<AppUpdate>{std::move(*update)};
}

}  // namespace

void install_job_update_api(httplib::Server& server, const JobUpdateContext& context) {
  server.Post("/updateApp", [context](const httplib::Request& request, httplib::Response& response) {
    handle(context, request, response, parse_update_request);
  });
  server.Put("/apps/(.+)", [context](const httplib::Request& request, httplib::Response& response) {
    handle(context, request, response, parse_app_request);
  });
}

Status prepare_job_updates(FileSystem& fs, Config& config) {
  return load_tokens_file(fs, config.job_updates);
}

}  // namespace skylr
