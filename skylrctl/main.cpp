// skylrctl: Skylr's command-line tool. Wires the subcommands (one file each) into one
// CLI11 app and maps the outcome to an exit code (exit_codes.h).
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

#include "cmd_explain.h"
#include "cmd_push_job.h"
#include "cmd_regenerate.h"
#include "cmd_render.h"
#include "cmd_status.h"
#include "cmd_validate.h"
#include "exit_codes.h"

int main(int argc, char** argv) {
  CLI::App app{"skylrctl: render and check Skylr's HAProxy configuration, sync it, push job updates"};
  app.set_version_flag("--version", std::string("skylrctl ") + SKYLR_VERSION);
  app.footer(std::string(skylr::kExitCodesHelp));
  app.require_subcommand(1);
  auto render = skylr::setup_render(app);
  auto validate = skylr::setup_validate(app);
  auto regenerate = skylr::setup_regenerate(app);
  auto push_job = skylr::setup_push_job(app);
  auto status = skylr::setup_status(app);
  auto explain = skylr::setup_explain(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? skylr::kExitDone : skylr::kExitBadUsage;
  }
  push_job->progress_in_place = isatty(STDOUT_FILENO) == 1;
  if (app.got_subcommand("render")) return skylr::run_render(*render, std::cout, std::cerr);
  if (app.got_subcommand("validate")) return skylr::run_validate(*validate, std::cout, std::cerr);
  if (app.got_subcommand("regenerate")) return skylr::run_regenerate(*regenerate, std::cout, std::cerr);
  if (app.got_subcommand("explain")) return skylr::run_explain(*explain, std::cout, std::cerr);
  if (app.got_subcommand("push-job")) return skylr::run_push_job(*push_job, std::cout, std::cerr);
  return skylr::run_status(*status, std::cout, std::cerr);
}
