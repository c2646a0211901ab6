#include "cmd_push_job.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "cmd_load.h"
#include "deployment_watch.h"
#include "exit_codes.h"
#include "json_report.h"
#include "protocol/job_push.h"
#include "push_request.h"
#include "server_access.h"
#include "skylr/file_system.h"
#include "skylr/httplib_client.h"
#include "skylr/marathon.h"

namespace skylr {

using protocol::push_body;

namespace {

constexpr double kMaxTimeoutSeconds = 7 * 24 * 3600;

// Where a push goes, checked.
struct PushPlan {
  std::string app_id;                      // normalized: "/grp/web"
  std::vector<MarathonEndpoint> marathon;  // empty without --marathon
  std::optional<MarathonCredentials> credentials;
  std::optional<MarathonEndpoint> skylrd;
};

Status check_app_id(const std::string& given, const std::string& normalized) {
  bool valid =
      normalized != "/" && std::all_of(normalized.begin(), normalized.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '/';
      });
  if (valid) return {};
  return Error{fmt::format("APP_ID \"{}\": use letters, digits, '.', '_', '-' and '/'", given)};
}

Result<std::optional<MarathonCredentials>> credentials_of(const PushJobOptions& options) {
  if (!options.marathon_user.empty() || !options.marathon_password.empty()) {
    if (options.marathon_user.empty() || options.marathon_password.empty()) {
      return Error{"--marathon-user and --marathon-password go together"};
    }
    return std::optional{MarathonCredentials{options.marathon_user, options.marathon_password}};
  }
  const std::string& combined = options.marathon_credentials;
  if (combined.empty()) return std::optional<MarathonCredentials>{};
  std::size_t colon = combined.find(':');
  if (colon == std::string::npos) {
    return Error{"--marathon-credentials (or SKYLR_MARATHON_CREDENTIALS): expected USER:PASSWORD"};
  }
  return std::optional{MarathonCredentials{combined.substr(0, colon), combined.substr(colon + 1)}};
}

// A flag's value that must be above 0.
Status check_positive(std::string_view flag, std::optional<double> value) {
  if (!value || *value > 0) return {};
  return Error{fmt::format("{} must be above 0, got {}", flag, *value)};
}

// The first contradiction, gap or value out of range of the command line, if any.
Status check_usage(const PushJobOptions& options) {
  if (options.instances && *options.instances < 0) {
    return Error{fmt::format("--instances must be 0 or more, got {}", *options.instances)};
  }
  for (Status positive : {check_positive("--cpus", options.cpus), check_positive("--mem", options.mem),
                          check_positive("--timeout", options.timeout_s)}) {
    if (!positive) return positive;
  }
  if (options.timeout_s > kMaxTimeoutSeconds) {
    return Error{
        fmt::format("--timeout must be at most {} (a week), got {}", kMaxTimeoutSeconds, options.timeout_s)};
  }
  if (!options.instances && !options.cpus && !options.mem && options.file_path.empty()) {
    return Error{"nothing to push: give --instances, --cpus, --mem or --file"};
  }
  if (options.marathon_urls.empty() && options.skylrd_url.empty()) {
    return Error{"give --marathon URL to push to Marathon, or --skylrd URL to push through skylrd"};
  }
  if (!options.skylrd_url.empty() && options.token.empty()) {
    return Error{"--skylrd needs --token or SKYLR_TOKEN"};
  }
  if (options.wait && options.marathon_urls.empty()) {
    return Error{"--wait through skylrd needs --marathon URL too: deployments are followed at Marathon"};
  }
  return {};
}

Result<PushPlan> plan_push(const PushJobOptions& options) {
  PushPlan plan;
  plan.app_id = normalize_app_id(options.app_id);
  if (Status valid = check_app_id(options.app_id, plan.app_id); !valid) return valid.error();
  if (Status usage = check_usage(options); !usage) return usage.error();
  for (const std::string& url : options.marathon_urls) {
    Result<MarathonEndpoint> endpoint = parse_server_url("--marathon", url);
    if (!endpoint) return endpoint.error();
    plan.marathon.push_back(std::move(*endpoint));
  }
  if (!options.skylrd_url.empty()) {
    Result<MarathonEndpoint> endpoint = parse_server_url("--skylrd", options.skylrd_url);
    if (!endpoint) return endpoint.error();
    plan.skylrd = std::move(*endpoint);
  }
  Result<std::optional<MarathonCredentials>> credentials = credentials_of(options);
  if (!credentials) return credentials.error();
  plan.credentials = std::move(*credentials);
  return plan;
}

// The JSON body: the --file's app, then the flags.
Result<std::string> body_of(const PushJobOptions& options, const std::string& app_id) {
  std::string file_text;
  if (!options.file_path.empty()) {
    Result<std::string> text = default_file_system().read_file(options.file_path);
    if (!text) return text.error();
    file_text = std::move(*text);
  }
  return push_body(app_id, file_text, options.file_path, {options.instances, options.cpus, options.mem});
}

WatchSettings watch_settings(const PushJobOptions& options) {
  auto timeout = std::chrono::milliseconds(std::llround(options.timeout_s * 1000));
  return {timeout, options.poll_interval, options.progress_in_place};
}

// Marathon's answer for --json: "status", "deployment_id", "version", "message",
// "deployments" and "error" (why there was no answer).
void describe_result(const protocol::AppResult& result, JsonReport& json) {
  json.number("status", result.status)
      .text("deployment_id", result.deployment_id)
      .text("version", result.version)
      .text("message", result.message)
      .texts("deployments", result.deployments)
      .text("error", result.error);
}

// How a followed deployment ended, from watch_deployment's exit code.
std::string_view wait_outcome(int code) {
  if (code == kExitDone) return "finished";
  return code == kExitTimedOut ? "timed_out" : "replaced";
}

int push(const PushJobOptions& options, JsonReport& json, std::ostream& out, std::ostream& err) {
  Result<PushPlan> plan = plan_push(options);
  if (!plan) {
    err << plan.error().message << '\n';
    return kExitBadUsage;
  }
  json.text("app_id", plan->app_id).text("via", plan->skylrd ? "skylrd" : "marathon");
  std::optional<std::string> body = value_or_report(body_of(options, plan->app_id), err);
  if (!body) return kExitError;
  std::optional<MarathonClient> marathon;
  if (!plan->marathon.empty()) marathon.emplace(plan->marathon, plan->credentials, httplib_client());
  PushAnswer answer = plan->skylrd ? push_to_skylrd(httplib_client(), *plan->skylrd, options.token,
                                                    plan->app_id, *body, options.force)
                                   : push_to_marathon(*marathon, plan->app_id, *body, options.force);
  if (!answer.result) {
    json.text("error", answer.message);
    err << answer.message << '\n';
    return answer.exit_code;
  }
  describe_result(*answer.result, json);
  int code = report_push(*answer.result, plan->app_id, out, err);
  if (code != kExitDone || !options.wait || answer.result->deployment_id.empty()) return code;
  PushedUpdate update{plan->app_id, answer.result->deployment_id, answer.result->version};
  code = watch_deployment(*marathon, update, watch_settings(options), out, err);
  json.text("wait", wait_outcome(code));
  return code;
}

}  // namespace

std::shared_ptr<PushJobOptions> setup_push_job(CLI::App& app) {
  auto options = std::make_shared<PushJobOptions>();
  CLI::App* command = app.add_subcommand(
      "push-job", "Change a Marathon app, at Marathon or through skylrd; --wait follows its deployment");
  command->add_option("APP_ID", options->app_id, "The Marathon app, e.g. web or /grp/web")->required();
  command->add_option("--instances", options->instances, "Number of tasks");
  command->add_option("--cpus", options->cpus, "CPUs per task");
  command->add_option("--mem", options->mem, "Memory per task in MiB");
  command->add_option("--file", options->file_path, "An app definition (JSON); the flags above win over it");
  command->add_flag("--force", options->force,
                    "Replace a deployment holding the app (Marathon's force=true)");
  command->add_flag("--wait", options->wait, "Follow the deployment until Marathon no longer lists it");
  command->add_option("--timeout", options->timeout_s, "Seconds --wait waits at most")->capture_default_str();
  command
      ->add_option("--marathon", options->marathon_urls,
                   "Marathon's URL, e.g. http://m1:8080 (repeat: failover)")
      ->allow_extra_args(false);
  command->add_option("--marathon-user", options->marathon_user, "User for Marathon's basic auth");
  command->add_option("--marathon-password", options->marathon_password,
                      "Password for Marathon's basic auth");
  command->add_option("--marathon-credentials", options->marathon_credentials, "USER:PASSWORD for Marathon")
      ->envname("SKYLR_MARATHON_CREDENTIALS");
  command->add_option("--skylrd", options->skylrd_url,
                      "Push through skylrd at this URL, e.g. http://lb-1:3030");
  command->add_option("--token", options->token, "skylrd's bearer token")->envname("SKYLR_TOKEN");
  command->add_flag("--json", options->json, "Print the outcome as one JSON object (README, skylrctl)");
  return options;
}

int run_push_job(const PushJobOptions& options, std::ostream& out, std::ostream& err) {
  JsonReport json("push-job");
  TextCommand command = [&](std::ostream& text, std::ostream& problems) {
    return push(options, json, text, problems);
  };
  return run_command(options.json, json, command, out, err);
}

}  // namespace skylr
