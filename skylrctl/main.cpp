// skylrctl: Skylr's command-line tool. Wires the subcommands (one file each) into one
// CLI11 app and maps the outcome to an exit code (exit_codes.h).
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

#include "cmd_render.h"
#include "cmd_validate.h"
#include "exit_codes.h"

int main(int argc, char** argv) {
  CLI::App app{"skylrctl: render and check Skylr's HAProxy configuration"};
  app.set_version_flag("--version", std::string("skylrctl ") + SKYLR_VERSION);
  app.footer(std::string(skylr::kExitCodesHelp));
  app.require_subcommand(1);
  auto render = skylr::setup_render(app);
  auto validate = skylr::setup_validate(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? skylr::kExitDone : skylr::kExitBadUsage;
  }
  if (app.got_subcommand("render")) return skylr::run_render(*render, std::cout, std::cerr);
  return skylr::run_validate(*validate, std::cout, std::cerr);
}
