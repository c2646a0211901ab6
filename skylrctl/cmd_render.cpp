#include "cmd_render.h"

#include <fmt/format.h>

#include <string_view>

#include "cmd_load.h"
#include "exit_codes.h"
#include "skylr/discovery.h"
#include "skylr/file_system.h"
#include "skylr/model.h"
#include "skylr/render.h"

namespace skylr {

std::shared_ptr<RenderOptions> setup_render(CLI::App& app) {
  auto options = std::make_shared<RenderOptions>();
  CLI::App* command = app.add_subcommand(
      "render", "Print the HAProxy configuration for a config file and a saved Marathon answer");
  command->add_option("-c,--config", options->config_path, "Skylr's config file (JSON)")->required();
  command
      ->add_option("--apps", options->apps_path,
                   "A saved answer of Marathon's GET /v2/apps?embed=apps.tasks")
      ->required();
  command->add_option("-o,--output", options->output_path,
                      "Write the configuration to this file (atomically; a device or FIFO is written "
                      "into) instead of stdout");
  command->add_option("--routes-map", options->routes_map_path,
                      "With label discovery on: also write the shared HTTP frontend's routes map to this file");
  return options;
}

namespace {

// Writes `text` to `path` as render's outputs are written; false after saying why on `err`.
bool write_output(const std::string& path, const std::string& text, std::ostream& err) {
  Status written = write_output_file(default_file_system(), path, text);
  if (!written) err << fmt::format("cannot write {}: {}\n", path, written.error().message);
  return written.ok();
}

}  // namespace

int run_render(const RenderOptions& options, std::ostream& out, std::ostream& err) {
  auto config = value_or_report(load_config(options.config_path), err);
  if (!config) return kExitError;
  auto apps = value_or_report(load_apps(options.apps_path), err);
  if (!apps) return kExitError;
  Config served;
  Model model = build_published_model(*config, *apps, served);
  report_left_out(served, model, err);
  if (!options.routes_map_path.empty()) {
    if (!config->discovery.enabled) {
      err << "--routes-map: label discovery is off in " << options.config_path << " (no discovery section)\n";
      return kExitError;
    }
    if (!write_output(options.routes_map_path, render_routes_map(served), err)) return kExitError;
  }
  std::string text = render_haproxy_config(served, model);
  if (options.output_path.empty()) {
    out << text;
    return kExitDone;
  }
  return write_output(options.output_path, text, err) ? kExitDone : kExitError;
}

}  // namespace skylr
