// `skylrctl regenerate`: one sync by hand, exactly as skylrd's first sync after a start
// (skylr/pipeline.h, skylr/synchronizer.h): fetch Marathon's apps, render, then apply as
// skylrd does — servers that changed through HAProxy's Runtime API, any other change by
// `haproxy -c`, an atomic write and a reload as reload.mode says. With --dry-run it
// fetches and renders only and prints the unified diff against the live
// config_destination, changing nothing. With --json, one JSON object (json_report.h).
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>
#include <string>

namespace skylr {

// The command line of `skylrctl regenerate`.
struct RegenerateOptions {
  std::string config_path;  // -c, --config: Skylr's config file
  bool dry_run = false;     // --dry-run: print the diff, change nothing
  bool json = false;        // --json: the outcome as one JSON object
};

// Adds the `regenerate` subcommand to `app`; parsing a command line fills the returned options.
std::shared_ptr<RegenerateOptions> setup_regenerate(CLI::App& app);

// Syncs once and says what it did on `out` (or prints the diff, with --dry-run). Returns
// kExitDone; kExitError for a bad config file or a failed check, write or reload (the
// live configuration is then the last good one); kExitUnreachable when Marathon cannot be
// read; kExitRefused when Marathon refuses the credentials. With --json `out` gets one
// object: "config", "dry_run", "destination", "result" ("applied", "unchanged", "failed",
// "unreachable"; "preview" for --dry-run), then "method", "reload_reason",
// "runtime_commands", "duration_ms" and "failed_stage" for an apply, "changed" and "diff"
// for --dry-run; the text goes to `err`.
int run_regenerate(const RegenerateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace skylr
