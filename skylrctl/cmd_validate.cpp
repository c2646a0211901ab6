#include "cmd_validate.h"

#include "cmd_load.h"
#include "config/tokens_file.h"
#include "exit_codes.h"
#include "json_report.h"
#include "skylr/file_system.h"

namespace skylr {
namespace {

// The config in `path` as skylrd loads it: the file, then job_updates.tokens_file.
Status load_as_skylrd(const std::string& path) {
  Result<Config> config = load_config(path);
  if (!config) return config.error();
  Status tokens = config::load_tokens_file(default_file_system(), config->job_updates);
  if (!tokens) return prefix_lines(path, tokens.error());
  return {};
}

int validate(const std::string& config_path, std::ostream& out, std::ostream& err) {
  if (Status loaded = load_as_skylrd(config_path); !loaded) {
    err << loaded.error().message << '\n';
    return kExitError;
  }
  out << config_path << ": ok\n";
  return kExitDone;
}

}  // namespace

std::shared_ptr<ValidateOptions> setup_validate(CLI::App& app) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* command = app.add_subcommand("validate", "Check a config file and list every problem");
  command->add_option("-c,--config", options->config_path, "Skylr's config file (JSON)")->required();
  command->add_flag("--json", options->json, "Print the outcome as one JSON object (README, skylrctl)");
  return options;
}

int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err) {
  JsonReport json("validate");
  json.text("config", options.config_path);
  TextCommand command = [&](std::ostream& text, std::ostream& problems) {
    return validate(options.config_path, text, problems);
  };
  return run_command(options.json, json, command, out, err);
}

}  // namespace skylr
