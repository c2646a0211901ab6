#include "soak_options.h"

#include <CLI/CLI.hpp>

#include <random>

namespace skylr::soak {

Result<SoakOptions> parse_soak_options(int argc, char** argv, bool& help) {
  SoakOptions options;
  std::optional<std::uint64_t> seed;
  std::string faults = "all";
  CLI::App app{"skylr_soak: a chaos soak of skylrd, marathon-sim and the real HAProxy on 127.0.0.1"};
  app.add_option("minutes,--minutes", options.minutes, "How long to inject faults, in minutes")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 100000.0));
  app.add_option("--seed", seed, "Seed of the random fault schedule (printed; default: random)");
  app.add_option("--faults", faults,
                 "Comma-separated fault kinds: scale,kill-task,health,haproxy-worker,haproxy-master,"
                 "leader,sighup,restart-skylrd, or all")
      ->capture_default_str();
  app.add_option("--recovery-bound-ms", options.recovery_bound_ms, "A recovery slower than this fails the run")
      ->capture_default_str()
      ->check(CLI::Range(100, 600000));
  app.add_option("--recovery-cap-ms", options.recovery_cap_ms, "Stop waiting for a recovery after this long")
      ->capture_default_str()
      ->check(CLI::Range(1000, 600000));
  app.add_option("--apps", options.apps, "Marathon apps, each one a service")
      ->capture_default_str()
      ->check(CLI::Range(1, 20));
  app.add_option("--kill-grace-ms", options.kill_grace_ms, "How long a killed task's server keeps answering")
      ->capture_default_str()
      ->check(CLI::Range(0, 60000));
  app.add_option("--grace-margin-ms", options.grace_margin_ms,
                 "Added to --kill-grace-ms: how long after Marathon last listed a task it may still answer")
      ->capture_default_str()
      ->check(CLI::Range(0, 60000));
  app.add_option("--pace-ms", options.pace_ms, "Pause between two requests to one service")
      ->capture_default_str()
      ->check(CLI::Range(0, 10000));
  app.add_option("--logs", options.logs_dir, "Copy the programs' logs and HAProxy's config here at the end");
  app.add_flag("-v,--verbose", options.verbose, "Log every failed request and misroute on stderr");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    help = true;
    return Error{app.help()};
  } catch (const CLI::ParseError& error) {
    return Error{std::string(error.what()) + "\n" + app.help()};
  }
  if (options.recovery_cap_ms < options.recovery_bound_ms) {
    return Error{"--recovery-cap-ms must be at least --recovery-bound-ms"};
  }
  auto kinds = parse_fault_kinds(faults);
  if (!kinds) return Error{"--faults: " + kinds.error().message};
  options.faults = *kinds;
  options.seed = seed ? *seed : (static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}();
  return options;
}

}  // namespace skylr::soak
