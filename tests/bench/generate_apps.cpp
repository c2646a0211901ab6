// generate_apps: writes a synthetic Marathon answer (GET /v2/apps?embed=apps.tasks) or a
// marathon-sim --apps file, for profiling Skylr on bodies of any size by hand, e.g.
//   generate_apps --apps 10000 --tasks 3 -o apps.json --config bench.json
//   skylrctl render --config bench.json --apps apps.json -o /dev/null
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "config_text.h"
#include "processes.h"
#include "synthetic_apps.h"

int main(int argc, char** argv) {
  int apps = 1000;
  int tasks = 3;
  bool sim = false;
  std::string output;
  std::string config;
  CLI::App app{"generate_apps: synthetic Marathon 1.5 answers for Skylr's benchmarks"};
  app.add_option("--apps", apps, "Number of apps")->check(CLI::Range(0, 1000000));
  app.add_option("--tasks", tasks, "Tasks (or instances) per app")->check(CLI::Range(0, 1000));
  app.add_flag("--sim", sim, "Write a marathon-sim --apps file (definitions, no tasks) instead");
  app.add_option("-o,--output", output, "Write here instead of standard output");
  app.add_option("--config", config, "Also write a Skylr config publishing every app (ports from 10000)");
  CLI11_PARSE(app, argc, argv);

  skylr::bench::TaskMix mix;
  std::string body = sim ? skylr::bench::synthetic_sim_apps(apps, tasks)
                         : skylr::bench::synthetic_marathon_answer(apps, tasks, &mix);
  try {
    if (output.empty()) {
      std::cout << body;
    } else {
      skylr::testing::write_file(output, body);
    }
    if (!config.empty()) skylr::testing::write_file(config, skylr::bench::every_app_config(apps));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "generate_apps: %s\n", error.what());
    return 1;
  }
  if (!sim) {
    std::fprintf(stderr, "%zu bytes; tasks running %d, unhealthy %d, staging %d\n", body.size(), mix.running,
                 mix.unhealthy, mix.staging);
  }
  return 0;
}
