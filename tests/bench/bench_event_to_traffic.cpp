// bench_event_to_traffic: from a scale-up in marathon-sim to HAProxy routing a request to
// the new task, through the whole deployment (the simulator's event stream, skylrd with
// its default minimum interval, the real HAProxy). Each trial scales /bench/traffic from
// 1 to 2 tasks and polls through HAProxy, a fresh connection every 2 ms, until an answer
// names a task that was not there before; then scales back to 1 and lets things settle.
#include <cstdio>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "report.h"
#include "stack.h"
#include "task_answer.h"

namespace skylr::bench {
namespace {

constexpr int kTrials = 20;
constexpr const char* kApp = "/bench/traffic";
constexpr auto kGiveUp = std::chrono::seconds(10);

// Milliseconds from the scale-up until a request reaches a task not in `old_tasks`, or -1.
double one_trial(Stack& stack, const std::set<std::string>& old_tasks) {
  int port = stack.service_port(kApp);
  auto start = Clock::now();
  stack.scale(kApp, 2);
  while (Clock::now() - start < kGiveUp) {
    std::optional<TaskAnswer> answer = ask_task_server(port);
    if (answer && old_tasks.count(answer->task_id) == 0) return elapsed_ms(start);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return -1;
}

// Scales back to one task and waits until skylrd routes exactly the simulator's tasks.
std::set<std::string> settle(Stack& stack) {
  stack.scale(kApp, 1);
  if (!stack.wait_consistent(std::chrono::seconds(10))) throw std::runtime_error("skylrd did not settle");
  std::this_thread::sleep_for(std::chrono::milliseconds(400));  // past the minimum interval
  auto routed = stack.routed_tasks()[kApp];
  return {routed.begin(), routed.end()};
}

int run() {
  StackOptions options;
  options.sim_apps = fmt::format(R"({{"apps":[{{"id":"{}","cmd":"serve","instances":1,)"
                                 R"("portDefinitions":[{{"port":0,"protocol":"tcp","name":"http"}}]}}]}})",
                                 kApp);
  options.launch = true;
  options.stage_ms = 20;
  options.tracked = {kApp};
  Stack stack(options);
  std::vector<double> latencies;
  int failed = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    std::set<std::string> old_tasks = settle(stack);
    double latency = one_trial(stack, old_tasks);
    std::fprintf(stderr, "trial %d: %.1f ms\n", trial, latency);
    if (latency < 0) {
      ++failed;
    } else {
      latencies.push_back(latency);
    }
  }
  if (failed > 0 || percentile(latencies, 100) > 1000) {
    std::fprintf(stderr, "a slow trial; skylrd's log:\n%s\n", stack.skylrd_log().c_str());
  }
  double p50 = percentile(latencies, 50);
  print_row({fmt::format("event to traffic: scale-up to first routed request, p50 / p99 ({} trials, "
                         "min interval 250 ms)", kTrials),
             fmt::format("{} / {}{}", format_ms(p50), format_ms(percentile(latencies, 99)),
                         failed > 0 ? fmt::format(" ({} never routed)", failed) : ""),
             "p50 ≤ 500 ms", failed == 0 && p50 <= 500});
  return 0;
}

}  // namespace
}  // namespace skylr::bench

int main() { return skylr::bench::run_benchmark("bench_event_to_traffic", skylr::bench::run); }
