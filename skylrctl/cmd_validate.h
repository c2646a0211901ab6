// `skylrctl validate`: checks a config file the way skylrd loads it (its
// job_updates.tokens_file included), listing every problem, so that a change can be
// checked before skylrd is restarted (skylrd.service's ExecReload runs it before the
// SIGHUP). With --json, one JSON object (json_report.h).
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>
#include <string>

namespace skylr {

// The command line of `skylrctl validate`.
struct ValidateOptions {
  std::string config_path;  // -c, --config: Skylr's config file
  bool json = false;        // --json: the outcome as one JSON object
};

// Adds the `validate` subcommand to `app`; parsing a command line fills the returned options.
std::shared_ptr<ValidateOptions> setup_validate(CLI::App& app);

// Validates: prints "<file>: ok" to `out` and returns kExitDone, or prints every problem to
// `err`, one per line, and returns kExitError. With --json `out` gets
// {"command":"validate","ok":…,"exit_code":…,"config":<file>,"messages":[<problems>]}.
int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace skylr
