// Daemon: skylrd as a whole. It wires the real I/O into libskylr's pipeline, serves the
// HTTP API, follows Marathon (callbacks, event stream, periodic resync), keeps HAProxy on
// the latest good config, and handles signals: SIGTERM/SIGINT stop it after the apply in
// progress, cancelling whatever waits on Marathon (a sync's read, a job update, the
// subscription), so that no Marathon delays the stop; SIGHUP re-reads the config file (an
// invalid one is refused, the old one kept).
#pragma once

#include <string>

#include "log.h"

namespace skylr {

// How skylrd was started.
struct DaemonOptions {
  std::string config_path;
  std::string listen;  // "host:port" overriding the config's `listen`; empty: keep it
  bool stop_haproxy_on_exit = false;  // managed mode: stop HAProxy too when skylrd stops
  LogFormat log_format = LogFormat::kText;
};

// Runs skylrd until SIGTERM or SIGINT; returns the process exit code (0 after a clean
// stop, 1 when it cannot start: bad config, port in use).
int run_daemon(const DaemonOptions& options);

}  // namespace skylr
