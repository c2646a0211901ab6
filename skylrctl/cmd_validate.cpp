#include "cmd_validate.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>

#include "cmd_load.h"
#include "config/tokens_file.h"
#include "exit_codes.h"
#include "json_report.h"
#include "skylr/certificate.h"
#include "skylr/file_system.h"
#include "util/utc_time.h"

namespace skylr {
namespace {

// The config in `path` as skylrd loads it: the file, then job_updates.tokens_file.
Result<Config> load_as_skylrd(const std::string& path) {
  Result<Config> config = load_config(path);
  if (!config) return config.error();
  Status tokens = config::load_tokens_file(default_file_system(), config->job_updates);
  if (!tokens) return prefix_lines(path, tokens.error());
  return config;
}

// Checks every file of tls.certificates now as skylrd does before HAProxy gets it: a line
// per good file on `out` (what it serves, until when), one per refused file on `err`.
// False when a file is refused or the directory cannot be listed.
bool check_certificates(const TlsConfig& tls, std::ostream& out, std::ostream& err) {
  Result<std::vector<std::string>> files = default_file_system().list_directory(tls.certificates);
  if (!files) {
    err << "tls.certificates: " << files.error().message << '\n';
    return false;
  }
  bool all_good = true;
  for (const std::string& file : *files) {
    if (file.starts_with('.')) continue;
    Result<std::string> pem = default_file_system().read_file(fmt::format("{}/{}", tls.certificates, file));
    Result<CertificateInfo> info = pem ? read_certificate(*pem, std::chrono::system_clock::now()) : pem.error();
    if (!info) {
      err << fmt::format("certificate {}: refused: {}\n", file, info.error().message);
      all_good = false;
      continue;
    }
    out << fmt::format("certificate {}: ok, {} ({}) until {}\n", file, info->subject, fmt::join(info->names, ", "),
                       util::iso_utc(info->not_after));
  }
  if (std::find(files->begin(), files->end(), tls.default_certificate) == files->end()) {
    err << fmt::format("tls.default_certificate {}: no such file in {}\n", tls.default_certificate, tls.certificates);
    all_good = false;
  }
  return all_good;
}

int validate(const std::string& config_path, std::ostream& out, std::ostream& err) {
  Result<Config> config = load_as_skylrd(config_path);
  if (!config) {
    err << config.error().message << '\n';
    return kExitError;
  }
  out << config_path << ": ok\n";
  if (config->tls.enabled && !check_certificates(config->tls, out, err)) return kExitError;
  return kExitDone;
}

}  // namespace

std::shared_ptr<ValidateOptions> setup_validate(CLI::App& app) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* command =
      app.add_subcommand("validate", "Check a config file (and its tls section's certificates) and list every problem");
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
