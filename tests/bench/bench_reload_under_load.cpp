// bench_reload_under_load: wrk through HAProxy to real task servers (marathon-sim
// --launch) while skylrd reloads HAProxy 30 times. Scale changes no longer reload (the
// Runtime API moves servers in place), so each reload is a config change: skylrd's config
// file rewritten with another haproxy.timeout_client_ms and SIGHUP; the app under load also
// gains a task every other second (Runtime API updates, `add server` when its slots run
// out). Every answer must be a 2xx and no socket may fail; requests/s is reported with and
// without the reloads.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

#include <fmt/format.h>

#include "report.h"
#include "stack.h"
#include "wrk.h"

namespace skylr::bench {

using testing::BackgroundProcess;
using testing::TempDir;
using testing::read_file;
namespace {

constexpr const char* kApp = "/bench/web";
constexpr int kInstances = 4;
constexpr int kReloads = 30;
constexpr int kLoadSeconds = 30;
constexpr int kBaselineSeconds = 10;
// Reloads once a second (and adds a task to the app every other second) while wrk runs.
int reload_during_load(Stack& stack) {
  const std::string reloads = "skylr_reloads_total{";
  double before = stack.metric(reloads);
  auto start = Clock::now();
  for (int step = 0; step < kReloads; ++step) {
    std::this_thread::sleep_until(start + std::chrono::milliseconds(500 + step * 950));
    stack.change_config(50000 + (step % 2 == 0 ? 1 : 0));
    if (step % 2 == 1) stack.scale(kApp, kInstances + 1 + step / 2);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  return static_cast<int>(stack.metric(reloads) - before);
}

int run() {
  if (::access(kWrk, X_OK) != 0) {
    print_row({"reload under load", "wrk is not installed (scripts/bench installs it)", "zero errors", false});
    return 0;
  }
  StackOptions options;
  options.sim_apps = fmt::format(R"({{"apps":[{{"id":"{}","cmd":"serve","instances":{},)"
                                 R"("portDefinitions":[{{"port":0,"protocol":"tcp","name":"http"}}]}}]}})",
                                 kApp, kInstances);
  options.launch = true;
  options.stage_ms = 20;
  options.tracked = {kApp};
  Stack stack(options);
  if (!stack.wait_consistent(std::chrono::seconds(10))) throw std::runtime_error("skylrd did not catch up");
  TempDir dir;
  int port = stack.service_port(kApp);

  auto baseline_wrk = start_wrk(port, kBaselineSeconds, dir.path("baseline.txt"));
  WrkResult baseline = finish_wrk(*baseline_wrk, kBaselineSeconds, dir.path("baseline.txt"));
  auto loaded_wrk = start_wrk(port, kLoadSeconds, dir.path("loaded.txt"));
  int reloads = reload_during_load(stack);
  WrkResult loaded = finish_wrk(*loaded_wrk, kLoadSeconds, dir.path("loaded.txt"));

  print_row({fmt::format("reload under load: requests/s without reloads (wrk, 8 connections, {} s)", kBaselineSeconds),
             fmt::format("{:.0f}", baseline.requests_per_second), "", {}});
  print_row({fmt::format("reload under load: requests/s during {} s with reloads", kLoadSeconds),
             fmt::format("{:.0f} ({} reloads)", loaded.requests_per_second, reloads), "≥ 30 reloads",
             reloads >= kReloads});
  long errors = loaded.non_2xx + loaded.socket_errors + baseline.non_2xx + baseline.socket_errors;
  print_row({"reload under load: non-2xx answers / socket errors",
             fmt::format("{} / {} of {} requests{}", loaded.non_2xx + baseline.non_2xx,
                         loaded.socket_errors + baseline.socket_errors, loaded.requests + baseline.requests,
                         loaded.socket_detail.empty() ? "" : " (" + loaded.socket_detail + ")"),
             "0 / 0", errors == 0});
  return 0;
}

}  // namespace
}  // namespace skylr::bench

int main() { return skylr::bench::run_benchmark("bench_reload_under_load", skylr::bench::run); }
