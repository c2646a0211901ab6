// wrk, the HTTP load generator of the benchmarks: started in the background against a
// port on 127.0.0.1 (one thread, 8 connections), its report read when it ends.
#pragma once

#include <memory>
#include <string>

#include "processes.h"

namespace skylr::bench {

// Where scripts/bench installs wrk.
inline constexpr const char* kWrk = "/usr/bin/wrk";

// What one wrk run reported.
struct WrkResult {
  double requests_per_second = 0;
  long requests = 0;
  long non_2xx = 0;        // "Non-2xx or 3xx responses"
  long socket_errors = 0;  // connect + read + write + timeout
  std::string socket_detail;
};

// Starts wrk against http://127.0.0.1:`port`/ for `seconds`, with a Host header when
// `host` is not empty; its output goes to `output_path`.
std::unique_ptr<testing::BackgroundProcess> start_wrk(int port, int seconds, const std::string& output_path,
                                                      const std::string& host = "");

// Waits for `wrk` (started for `seconds`) and reads its report; throws std::runtime_error
// when it does not finish or prints no rate.
WrkResult finish_wrk(testing::BackgroundProcess& wrk, int seconds, const std::string& output_path);

}  // namespace skylr::bench
