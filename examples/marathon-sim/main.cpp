// marathon-sim: a Marathon simulator. See README.md and --help.
#include <CLI/CLI.hpp>

#include "run_sim.h"
#include "sim_options.h"

int main(int argc, char** argv) {
  CLI::App app;
  skylr::sim::SimOptions options;
  skylr::sim::setup_cli(app, options);
  CLI11_PARSE(app, argc, argv);
  return skylr::sim::run_sim(options);
}
