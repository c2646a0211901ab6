// `skylrctl explain APP_ID`: how label discovery reads one app — for each of its ports
// the labels read, whether it is published and as which service (mode, ports, virtual
// hosts, paths), or why it is left out, with the problems a sync would report for it.
// From a saved Marathon answer (--apps) or from Marathon itself.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>
#include <string>

namespace skylr {

// The command line of `skylrctl explain`.
struct ExplainOptions {
  std::string app_id;       // the app to explain
  std::string config_path;  // -c/--config: Skylr's config file
  std::string apps_path;    // --apps: a saved `GET /v2/apps?embed=apps.tasks` body; empty: ask Marathon
  bool json = false;        // --json: one JSON object instead of text
};

// Adds the `explain` subcommand to `app`; parsing a command line fills the returned options.
std::shared_ptr<ExplainOptions> setup_explain(CLI::App& app);

// Explains: the text (or JSON) goes to `out`. Returns kExitDone; kExitError when a file
// cannot be read, the app is not in the answer or label discovery is off; what a failed
// Marathon read maps to (exit_codes.h) when Marathon cannot be read.
int run_explain(const ExplainOptions& options, std::ostream& out, std::ostream& err);

}  // namespace skylr
