// `skylrctl validate`: checks a config file the way skylrd loads it, listing every
// problem, so that a change can be checked before skylrd is restarted.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>
#include <string>

namespace skylr {

// The command line of `skylrctl validate`.
struct ValidateOptions {
  std::string config_path;  // --config: Skylr's config file
};

// Adds the `validate` subcommand to `app`; parsing a command line fills the returned options.
std::shared_ptr<ValidateOptions> setup_validate(CLI::App& app);

// Validates: prints "<file>: ok" to `out` and returns kExitDone, or prints every problem to
// `err`, one per line, and returns kExitError.
int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace skylr
