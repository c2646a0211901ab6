// skylrd: keeps HAProxy in sync with Marathon. Parses the command line and runs the daemon.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "daemon.h"
#include "version.h"

int main(int argc, char** argv) {
  skylr::DaemonOptions options;
  CLI::App app{"skylrd: keeps HAProxy in sync with Marathon"};
  app.set_version_flag("--version", fmt::format("skylrd {}", skylr::skylrd_version()));
  app.add_option("-c,--config", options.config_path, "Skylr's config file (JSON)")->required();
  app.add_option("--listen", options.listen, "HOST:PORT to serve on, overriding the config's listen");
  app.add_flag("--stop-haproxy-on-exit", options.stop_haproxy_on_exit,
               "In managed mode, stop HAProxy when skylrd stops (default: HAProxy keeps serving)");
  std::string log_format = "text";
  app.add_option("--log-format", log_format, "How log lines are written on stderr: text or json (one object a line)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  options.log_format = *skylr::parse_log_format(log_format);
  return skylr::run_daemon(options);
}
