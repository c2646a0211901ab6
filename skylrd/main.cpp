// skylrd: keeps HAProxy in sync with Marathon. Parses the command line and runs the daemon.
#include <CLI/CLI.hpp>

#include "daemon.h"

int main(int argc, char** argv) {
  skylr::DaemonOptions options;
  CLI::App app{"skylrd: keeps HAProxy in sync with Marathon"};
  app.set_version_flag("--version", std::string("skylrd ") + SKYLR_VERSION);
  app.add_option("-c,--config", options.config_path, "Skylr's config file (JSON)")->required();
  app.add_option("--listen", options.listen, "HOST:PORT to serve on, overriding the config's listen");
  app.add_flag("--stop-haproxy-on-exit", options.stop_haproxy_on_exit,
               "In managed mode, stop HAProxy when skylrd stops (default: HAProxy keeps serving)");
  CLI11_PARSE(app, argc, argv);
  return skylr::run_daemon(options);
}
