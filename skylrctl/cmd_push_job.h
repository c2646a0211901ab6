// `skylrctl push-job`: changes a Marathon app (instances, cpus, mem, or a whole app
// definition from a file) either directly at Marathon or through skylrd's authenticated
// `PUT /apps/<id>`, and with --wait follows the deployment it starts until it is done.
// Made for operators and CI jobs: one line per outcome (or one JSON object with --json) and
// an exit code per kind of failure (exit_codes.h).
#pragma once

#include <CLI/CLI.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace skylr {

// The command line of `skylrctl push-job`.
struct PushJobOptions {
  std::string app_id;                      // APP_ID: "web" or "/grp/web"
  std::optional<int> instances;            // --instances
  std::optional<double> cpus;              // --cpus
  std::optional<double> mem;               // --mem, in MiB
  std::string file_path;                   // --file: app JSON, overridden by the flags above
  bool force = false;                      // --force: replace a deployment holding the app
  bool wait = false;                       // --wait: follow the deployment until it is gone
  double timeout_s = 300;                  // --timeout for --wait, in seconds
  std::vector<std::string> marathon_urls;  // --marathon (repeatable, tried in turn)
  std::string marathon_user;               // --marathon-user
  std::string marathon_password;           // --marathon-password
  std::string marathon_credentials;        // --marathon-credentials / SKYLR_MARATHON_CREDENTIALS
  std::string skylrd_url;                  // --skylrd
  std::string token;                       // --token / SKYLR_TOKEN
  bool json = false;                       // --json: the outcome as one JSON object
  bool progress_in_place = false;          // not an option: set when standard output is a terminal
  std::chrono::milliseconds poll_interval{std::chrono::seconds(1)};  // not an option
};

// Adds the `push-job` subcommand to `app`; parsing a command line fills the returned options.
std::shared_ptr<PushJobOptions> setup_push_job(CLI::App& app);

// Pushes and, with --wait, follows the deployment. Returns kExitDone; kExitBadUsage for a
// contradictory or incomplete command line; kExitError for an unreadable --file or a
// refused app definition; kExitLocked when a deployment holds the app (409);
// kExitUnreachable when Marathon or skylrd cannot be reached; kExitTimedOut when the
// deployment outlasts --timeout; kExitRefused for a wrong token, credentials, app or field.
// With --json `out` gets one object (json_report.h): "app_id", "via" ("marathon",
// "skylrd"), Marathon's "status", "deployment_id", "version", "message", "deployments",
// "error" when nothing answered, and with --wait "wait" ("finished", "replaced",
// "timed_out"); the text goes to `err`.
int run_push_job(const PushJobOptions& options, std::ostream& out, std::ostream& err);

}  // namespace skylr
