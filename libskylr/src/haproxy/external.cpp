// The external HaproxyControl: HAProxy daemonised by someone else, known by its pid file.
// A reload starts a new HAProxy with -sf (soft finish: the old processes stop accepting
// and finish their connections; never -st), naming only the old pids that are haproxy.
#include <algorithm>
#include <mutex>

#include <fmt/format.h>

#include "haproxy/control.h"
#include "haproxy/process.h"
#include "haproxy/text.h"

namespace skylr::haproxy {
namespace {

class ExternalHaproxy final : public HaproxyControl {
 public:
  ExternalHaproxy(HaproxyProcessSettings settings, ProcessRunner& runner, FileSystem& fs)
      : settings_(std::move(settings)), runner_(runner), fs_(fs) {}

  Result<ControlWarnings> ensure_running() override {
    std::lock_guard lock(mutex_);
    ControlWarnings warnings;
    if (!haproxy_pids_in_pid_file(settings_, runner_, fs_, warnings).empty()) {
      launched_ = true;
      return warnings;
    }
    return launch({}, std::move(warnings));
  }

  Result<ControlWarnings> reload() override {
    std::lock_guard lock(mutex_);
    ControlWarnings warnings;
    std::vector<pid_t> old_pids = haproxy_pids_in_pid_file(settings_, runner_, fs_, warnings);
    return launch(old_pids, std::move(warnings));
  }

  Status stop() override { return {}; }

  SupervisionReport supervise() override {
    std::lock_guard lock(mutex_);
    if (!launched_) return {false, false, "HAProxy has not been started yet", {}};
    ControlWarnings warnings;
    if (!haproxy_pids_in_pid_file(settings_, runner_, fs_, warnings).empty()) return {true, false, "", {}};
    return {false, false,
            fmt::format("no HAProxy running {} is named in {} (external mode: skylrd does not start it; "
                        "the next change reloads it)",
                        settings_.config_path, settings_.pid_file),
            std::move(warnings)};
  }

 private:
  // Starts a daemonised HAProxy that soft-finishes `old_pids`, and checks that the pid
  // file then names a new running haproxy process.
  Result<ControlWarnings> launch(const std::vector<pid_t>& old_pids, ControlWarnings warnings) {
    std::vector<std::string> argv = {settings_.binary};
    std::vector<std::string> files = haproxy_config_args(settings_);
    argv.insert(argv.end(), files.begin(), files.end());
    argv.insert(argv.end(), {"-p", settings_.pid_file, "-D"});
    if (!old_pids.empty()) argv.push_back("-sf");
    for (pid_t pid : old_pids) argv.push_back(std::to_string(pid));
    Status ran = run(argv);
    if (!ran.ok()) return with_warnings(ran.error(), warnings);
    ControlWarnings ignored;
    std::vector<pid_t> now = haproxy_pids_in_pid_file(settings_, runner_, fs_, ignored);
    bool fresh = std::any_of(now.begin(), now.end(), [&](pid_t pid) {
      return std::find(old_pids.begin(), old_pids.end(), pid) == old_pids.end();
    });
    if (!fresh) {
      return with_warnings(
          Error{fmt::format("HAProxy reported success but {} names no new running haproxy process",
                            settings_.pid_file)},
          warnings);
    }
    launched_ = true;
    return warnings;
  }

  // Runs `argv` (HAProxy returns once its daemon is up); fails unless it exits with 0.
  Status run(const std::vector<std::string>& argv) {
    Result<ProcessOutcome> outcome = runner_.run(argv, settings_.start_timeout);
    if (!outcome.ok()) return Error{"cannot start HAProxy: " + outcome.error().message};
    if (outcome->timed_out) {
      return Error{fmt::format("HAProxy did not finish starting within {} ms",
                               settings_.start_timeout.count())};
    }
    if (outcome->exit_code == 0) return {};
    std::string messages = haproxy_messages(outcome->output);
    return Error{fmt::format("HAProxy failed to start (exit code {}){}{}", outcome->exit_code,
                             messages.empty() ? "" : ":\n", messages)};
  }

  HaproxyProcessSettings settings_;
  ProcessRunner& runner_;
  FileSystem& fs_;
  std::mutex mutex_;       // serialises every public call
  bool launched_ = false;  // HAProxy was found running or started at least once
};

}  // namespace

std::unique_ptr<HaproxyControl> make_external_haproxy(HaproxyProcessSettings settings,
                                                      ProcessRunner& runner, FileSystem& fs) {
  return std::make_unique<ExternalHaproxy>(std::move(settings), runner, fs);
}

}  // namespace skylr::haproxy
