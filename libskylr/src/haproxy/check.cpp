// check_haproxy_config: `haproxy -c` with HAProxy's own words in the error.
#include "haproxy/check.h"

#include <chrono>
#include <vector>

#include <fmt/format.h>

#include "haproxy/text.h"

namespace skylr::haproxy {
namespace {

constexpr std::chrono::seconds kCheckTimeout{10};

}  // namespace

Status check_haproxy_config(ProcessRunner& runner, const std::string& binary,
                            const std::string& config_path, const std::string& users_path) {
  std::vector<std::string> argv = {binary, "-c", "-f", config_path};
  if (!users_path.empty()) argv.insert(argv.end(), {"-f", users_path});
  Result<ProcessOutcome> outcome = runner.run(argv, kCheckTimeout);
  if (!outcome.ok()) {
    if (!outcome.error().message.ends_with("No such file or directory")) return outcome.error();
    return Error{fmt::format("haproxy binary not found: {}", binary)};
  }
  if (outcome->timed_out) {
    return Error{fmt::format("haproxy -c did not finish within {} s checking {}",
                             kCheckTimeout.count(), config_path)};
  }
  if (outcome->exit_code == 0) return {};
  std::string alerts = haproxy_messages(outcome->output);
  return Error{fmt::format("haproxy -c rejected {} (exit code {}){}{}", config_path,
                           outcome->exit_code, alerts.empty() ? "" : ":\n", alerts)};
}

}  // namespace skylr::haproxy
