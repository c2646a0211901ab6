#include "push_request.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "exit_codes.h"
#include "server_access.h"

namespace skylr {

using protocol::answer_message;
using protocol::app_result;
using protocol::AppResult;
using protocol::parse_app_result;

namespace {

std::string force_query(bool force) { return force ? "?force=true" : "?force=false"; }

PushAnswer failure(int exit_code, std::string message) {
  return {std::nullopt, exit_code, std::move(message)};
}

PushAnswer answered(AppResult result) { return {std::move(result), kExitDone, ""}; }

// The line for a failed push of `app_id`.
std::string describe_failure(const AppResult& result, const std::string& app_id) {
  std::string details = result.details.empty() ? "" : " " + result.details;
  if (result.status == 409) {
    return fmt::format(
        "{} is locked by deployment {}: {}\nwait for it, or push again with --force to replace it", app_id,
        fmt::join(result.deployments, ", "), result.message);
  }
  std::string_view what = result.status >= 500 ? "failed on" : "refused";
  return fmt::format("Marathon {} the update of {} (HTTP {}): {}{}", what, app_id, result.status,
                     result.message, details);
}

}  // namespace

PushAnswer push_to_marathon(MarathonClient& marathon, const std::string& app_id, const std::string& body,
                            bool force) {
  Result<HttpResponse> answer = marathon.send("PUT", "/v2/apps" + app_id + force_query(force), body);
  if (!answer) {
    return failure(exit_code_of(answer.error()), "cannot push to Marathon: " + answer.error().message);
  }
  // Marathon's answer read as skylrd reads it, so that both ways share one report.
  return answered(app_result(answer));
}

PushAnswer push_to_skylrd(HttpClient& http, const MarathonEndpoint& skylrd, const std::string& token,
                          const std::string& app_id, const std::string& body, bool force) {
  HttpRequest request;
  request.method = "PUT";
  request.origin = skylrd.origin();
  request.target = skylrd.base_path + "/apps" + app_id + force_query(force);
  request.headers["Authorization"] = "Bearer " + token;
  request.content_type = "application/json";
  request.body = body;
  Result<HttpResponse> answer = http.send(request);
  if (!answer) return failure(kExitUnreachable, "cannot push through skylrd: " + answer.error().message);
  std::string message = answer_message(answer->status, answer->body);
  if (answer->status == 401 || answer->status == 403) {
    return failure(kExitRefused,
                   fmt::format("skylrd refused the push (HTTP {}): {}", answer->status, message));
  }
  Result<AppResult> result = parse_app_result(answer->body, app_id);
  if (!result) {
    return failure(kExitError, fmt::format("skylrd answered HTTP {}: {}", answer->status, message));
  }
  return answered(std::move(*result));
}

int report_push(const AppResult& result, const std::string& app_id, std::ostream& out, std::ostream& err) {
  if (!result.error.empty()) {
    err << "skylrd could not push to Marathon: " << result.error << '\n';
    return exit_code_of(Error{result.error});
  }
  if (result.status / 100 == 2) {
    if (result.deployment_id.empty()) {
      out << fmt::format("{} updated (version {})\n", app_id, result.version);
    } else {
      out << fmt::format("deployment {} started for {} (version {})\n", result.deployment_id, app_id,
                         result.version);
    }
    return kExitDone;
  }
  err << describe_failure(result, app_id) << '\n';
  if (result.status == 409) return kExitLocked;
  if (result.status == 401 || result.status == 403) return kExitRefused;
  return result.status >= 500 ? kExitUnreachable : kExitError;
}

}  // namespace skylr
