#include "cmd_regenerate.h"

#include <fmt/format.h>

#include "cmd_load.h"
#include "exit_codes.h"
#include "json_report.h"
#include "server_access.h"
#include "skylr/discovery.h"
#include "skylr/file_system.h"
#include "skylr/httplib_client.h"
#include "skylr/pipeline.h"
#include "skylr/render.h"
#include "text_diff.h"

namespace skylr {
namespace {

// The unified diff from the file at `destination` (none: empty) to `rendered`; nullopt
// after saying on `err` why the file cannot be read.
std::optional<std::string> diff_with_live(const std::string& destination, const std::string& rendered,
                                          std::ostream& err) {
  std::string live;
  if (default_file_system().exists(destination)) {
    auto text = value_or_report(default_file_system().read_file(destination), err);
    if (!text) return std::nullopt;
    live = std::move(*text);
  }
  return unified_diff(live, rendered, destination, fmt::format("{} (rendered)", destination));
}

// Fetches and renders, then prints the diff against the live configuration (and, with
// label discovery on, routes map); `json` gets
// "result" ("preview", "unreachable"), "changed" and "diff".
int preview(const Config& config, MarathonClient& marathon, JsonReport& json, std::ostream& out,
            std::ostream& err) {
  Result<std::vector<App>> apps = marathon.fetch_apps();
  if (!apps) {
    json.text("result", "unreachable");
    err << "cannot read Marathon: " << apps.error().message << '\n';
    return exit_code_of(apps.error());
  }
  Config served;
  Model model = build_published_model(config, *apps, served);
  report_left_out(served, model, err);
  std::optional<std::string> diff = diff_with_live(config.config_destination, render_haproxy_config(served, model), err);
  if (!diff) return kExitError;
  if (config.discovery.enabled) {
    std::optional<std::string> routes = diff_with_live(config.discovery.routes_map, render_routes_map(served), err);
    if (!routes) return kExitError;
    *diff += *routes;
  }
  json.text("result", "preview").flag("changed", !diff->empty()).text("diff", *diff);
  out << (diff->empty() ? fmt::format("{} is up to date\n", config.config_destination) : *diff);
  return kExitDone;
}

// "reloaded HAProxy (<reason>)" or "updated HAProxy's servers through the Runtime API".
std::string how_applied(const ApplyOutcome& apply) {
  if (apply.method == ApplyMethod::kRuntime) {
    return fmt::format("updated HAProxy's servers through the Runtime API ({} commands, no reload)",
                       apply.runtime_commands);
  }
  return fmt::format("reloaded HAProxy ({})", reload_reason_name(apply.reload_reason));
}

// What `apply` did, for --json: "result" ("applied", "unchanged", "failed"), "method"
// ("runtime", "reload", "none"), "reload_reason", "runtime_commands", "duration_ms",
// "failed_stage" ("none" unless it failed).
void describe_apply(const ApplyOutcome& apply, JsonReport& json) {
  json.text("result", apply_status_name(apply.status))
      .text("method", apply_method_name(apply.method))
      .text("reload_reason", reload_reason_name(apply.reload_reason))
      .number("runtime_commands", apply.runtime_commands)
      .number("duration_ms", apply.duration.count())
      .text("failed_stage", stage_name(apply.failed_stage));
}

// Reports what one sync did.
int report(const Config& config, const SyncReport& sync, JsonReport& json, std::ostream& out,
           std::ostream& err) {
  if (sync.fetch_error) {
    json.text("result", "unreachable");
    err << "cannot read Marathon, nothing changed: " << *sync.fetch_error << '\n';
    return exit_code_of(Error{*sync.fetch_error});
  }
  report_left_out(config, sync.model, err);
  const ApplyOutcome& apply = sync.apply;
  describe_apply(apply, json);
  for (const std::string& warning : apply.warnings) err << "warning: haproxy: " << warning << '\n';
  const std::string& destination = config.config_destination;
  switch (apply.status) {
    case ApplyStatus::kUnchanged:
      out << fmt::format("{} is up to date; HAProxy was not reloaded\n", destination);
      return kExitDone;
    case ApplyStatus::kApplied:
      out << fmt::format("wrote {} and {} in {} ms\n", destination, how_applied(apply),
                         apply.duration.count());
      return kExitDone;
    case ApplyStatus::kFailed:
      break;
  }
  err << fmt::format("{} failed; {} keeps the last good configuration: {}\n", stage_name(apply.failed_stage),
                     destination, apply.message);
  return kExitError;
}

}  // namespace

std::shared_ptr<RegenerateOptions> setup_regenerate(CLI::App& app) {
  auto options = std::make_shared<RegenerateOptions>();
  CLI::App* command = app.add_subcommand(
      "regenerate", "Sync once as skylrd does: fetch from Marathon, render, check, write, reload HAProxy");
  command->add_option("-c,--config", options->config_path, "Skylr's config file (JSON)")->required();
  command->add_flag("--dry-run", options->dry_run,
                    "Fetch and render only; print the diff against the live configuration");
  command->add_flag("--json", options->json, "Print the outcome as one JSON object (README, skylrctl)");
  return options;
}

int run_regenerate(const RegenerateOptions& options, std::ostream& out, std::ostream& err) {
  JsonReport json("regenerate");
  json.text("config", options.config_path).flag("dry_run", options.dry_run);
  TextCommand command = [&](std::ostream& text, std::ostream& problems) {
    auto config = value_or_report(load_config(options.config_path), problems);
    if (!config) return static_cast<int>(kExitError);
    json.text("destination", config->config_destination);
    std::unique_ptr<Pipeline> pipeline = Pipeline::open(*config, httplib_client());
    if (options.dry_run) return preview(*config, pipeline->marathon(), json, text, problems);
    return report(*config, pipeline->sync(*config), json, text, problems);
  };
  return run_command(options.json, json, command, out, err);
}

}  // namespace skylr
