// Helpers shared by the managed and the external HaproxyControl: HAProxy's command-line
// pieces, reading a pid file without ever trusting it, bounded polling, and stopping a
// process by escalating signals. Thread-compatible.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "haproxy/control.h"
#include "skylr/clock.h"
#include "skylr/file_system.h"
#include "skylr/process_runner.h"

namespace skylr::haproxy {

// "-f <config> [-f <users>]": the configuration files HAProxy loads.
std::vector<std::string> haproxy_config_args(const HaproxyProcessSettings& settings);

// True when `process` runs the configuration file `config_path` (`-f <config_path>` on its
// command line).
bool runs_config(const ProcessEntry& process, const std::string& config_path);

// The haproxy processes running settings.config_path that are not children of another
// such process: the masters (and daemons) serving this configuration, whoever started them.
std::vector<pid_t> haproxy_masters(const HaproxyProcessSettings& settings, ProcessRunner& runner);

// The pids in `settings.pid_file` that are haproxy processes (their executable name starts
// with "haproxy") running settings.config_path. Every other live pid, and every word that
// is not a pid, is left out with a warning saying why; dead pids and a missing file are
// left out silently.
std::vector<pid_t> haproxy_pids_in_pid_file(const HaproxyProcessSettings& settings,
                                            ProcessRunner& runner, FileSystem& fs,
                                            ControlWarnings& warnings);

// Calls `done` until it returns true, at most timeout / interval times (at least once),
// sleeping `interval` on `clock` between calls; true when `done` returned true.
bool poll_until(const Clock& clock, std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval, const std::function<bool()>& done);

// Stops `pid`: SIGUSR1 (HAProxy's soft stop), then SIGTERM, then SIGKILL, waiting
// `settings.stop_timeout` (on `clock`) after each. Fails when the process outlives SIGKILL.
Status stop_haproxy_process(ProcessRunner& runner, const Clock& clock, pid_t pid,
                            const HaproxyProcessSettings& settings);

// `error` with each warning appended on a line of its own.
Error with_warnings(Error error, const ControlWarnings& warnings);

}  // namespace skylr::haproxy
