#include "cmd_render.h"

#include <fmt/format.h>

#include <string_view>

#include "cmd_load.h"
#include "exit_codes.h"
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
  return options;
}

int run_render(const RenderOptions& options, std::ostream& out, std::ostream& err) {
  auto config = value_or_report(load_config(options.config_path), err);
  if (!config) return kExitError;
  auto apps = value_or_report(load_apps(options.apps_path), err);
  if (!apps) return kExitError;
  Model model = build_model(*config, *apps);
  report_left_out(*config, model, err);
  std::string text = render_haproxy_config(*config, model);
  if (options.output_path.empty()) {
    out << text;
    return kExitDone;
  }
  Status written = write_output_file(default_file_system(), options.output_path, text);
  if (!written) {
    err << fmt::format("cannot write {}: {}\n", options.output_path, written.error().message);
    return kExitError;
  }
  return kExitDone;
}

}  // namespace skylr
