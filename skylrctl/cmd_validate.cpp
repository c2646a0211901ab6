#include "cmd_validate.h"

#include "cmd_load.h"
#include "exit_codes.h"

namespace skylr {

std::shared_ptr<ValidateOptions> setup_validate(CLI::App& app) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* command = app.add_subcommand("validate", "Check a config file and list every problem");
  command->add_option("--config", options->config_path, "Skylr's config file (JSON)")->required();
  return options;
}

int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err) {
  if (!value_or_report(load_config(options.config_path), err)) return kExitError;
  out << options.config_path << ": ok\n";
  return kExitDone;
}

}  // namespace skylr
