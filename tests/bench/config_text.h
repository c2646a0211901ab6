// Skylr config files for the benchmarks: the services to publish (app id → HAProxy port)
// and, for skylrd runs, everything that must live in the benchmark's temporary directory
// (config, sockets) or on 127.0.0.1 so that runs never touch the machine's HAProxy.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace skylr::bench {

// What a benchmark config says.
struct BenchConfig {
  std::string marathon;                               // "127.0.0.1:PORT"
  std::vector<std::pair<std::string, int>> services;  // Marathon app id, HAProxy port
  std::string dir;                                    // config_destination and sockets go here
  bool sse = true;                                    // follow Marathon's event stream
  std::string health_check = "tcp";                   // services' health.check
  int timeout_client_ms = 50000;                      // haproxy.timeout_client_ms (a change reloads)
  int drain_seconds = 30;                             // haproxy.drain_seconds
  int min_interval_ms = 250;                          // reload.min_interval_ms
  int resync_interval_s = 300;                        // reload.resync_interval_s
};

// The config file's JSON: services on 127.0.0.1, managed reload with sockets in `dir`,
// skylrd listening on 127.0.0.1:0, every other setting at its default.
std::string bench_config_json(const BenchConfig& config);

// A config publishing synthetic apps 0 … apps-1 (see synthetic_apps.h) on ports 10000 and
// up, for generation benchmarks: Marathon and the destination are never used.
std::string every_app_config(int apps);

}  // namespace skylr::bench
