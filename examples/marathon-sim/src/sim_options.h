// SimOptions: the command line of marathon-sim (CLI11), kept apart from main() so that
// tests can parse command lines and start the simulator in-process.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>

#include "skylr/result.h"

namespace skylr::sim {

struct SimOptions {
  std::string host = "127.0.0.1";
  int port = 8080;             // 0: pick a free port
  std::string apps_file;       // initial apps, {"apps":[...]}; empty: none
  int stage_ms = 200;          // how long a new task stays TASK_STAGING
  int heartbeat_ms = 10000;    // SSE heartbeat interval
  bool launch = false;         // run a tiny HTTP server per task
  int kill_grace_ms = 0;       // a killed task's server keeps answering this long
  std::string credentials;     // "user:pass" for basic auth; empty: no auth
  std::string standby_of;      // "host:port": run as a standby master of that simulator
};

// Declares marathon-sim's options on `app`, parsed into `options`, and its --help text
// (including the simulator-only /_sim/ endpoints).
void setup_cli(CLI::App& app, SimOptions& options);

// True when `host` is a loopback address (127.0.0.0/8, ::1 or "localhost").
bool is_loopback(std::string_view host);

// Success when the options can run; otherwise why not (a non-loopback host, credentials
// without ':', a negative delay, a standby with apps or tasks of its own or a primary
// that is not a loopback "host:port").
Status check_options(const SimOptions& options);

}  // namespace skylr::sim
