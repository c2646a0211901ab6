// `skylrctl status`: what a running skylrd serves and how its last sync went, read from
// its `GET /status`: a table of services and their servers followed by the last sync,
// apply, reload and error, or skylrd's JSON as it is with --json.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>
#include <string>

#include "protocol/status.h"

namespace skylr {

// The command line of `skylrctl status`.
struct StatusOptions {
  std::string skylrd_url = "http://127.0.0.1:3030";  // --skylrd
  bool json = false;                                 // --json: skylrd's JSON unchanged
};

// Adds the `status` subcommand to `app`; parsing a command line fills the returned options.
std::shared_ptr<StatusOptions> setup_status(CLI::App& app);

// The table `skylrctl status` prints for `status`.
std::string format_status(const protocol::SkylrdStatus& status);

// Prints skylrd's status to `out`. Returns kExitDone (whether skylrd is healthy or not);
// kExitBadUsage for a bad --skylrd; kExitUnreachable when skylrd cannot be reached;
// kExitError for an answer other than 200 or one that is not a status report.
int run_status(const StatusOptions& options, std::ostream& out, std::ostream& err);

}  // namespace skylr
