// `skylrctl render`: the HAProxy configuration skylrd would write, from a config file and
// a saved Marathon answer, without Marathon or HAProxy. For reviewing a config change
// before deploying it, and for reproducing what skylrd rendered from a captured answer.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>
#include <string>

namespace skylr {

// The command line of `skylrctl render`.
struct RenderOptions {
  std::string config_path;  // -c, --config: Skylr's config file
  std::string apps_path;    // --apps: a saved `GET /v2/apps?embed=apps.tasks` body
  std::string output_path;  // -o: write here atomically; empty: standard output
  std::string routes_map_path;  // --routes-map: also write the routes map (label discovery) here
};

// Adds the `render` subcommand to `app`; parsing a command line fills the returned options.
std::shared_ptr<RenderOptions> setup_render(CLI::App& app);

// Renders: the configuration goes to `out` (or the output file), tasks and apps left out
// to `err`, one line each. Returns kExitDone, or kExitError when a file cannot be read,
// parsed or written (the message on `err` names the file).
int run_render(const RenderOptions& options, std::ostream& out, std::ostream& err);

}  // namespace skylr
