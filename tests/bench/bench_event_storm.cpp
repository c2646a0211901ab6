// bench_event_storm: 10,000 Marathon callbacks within 10 s against skylrd following a
// marathon-sim with 1,000 apps (50 of them published), while some published apps scale up
// and down (their own events reach skylrd on the simulator's event stream, as Marathon's
// would; the storm's callbacks name other apps at random). Every callback must be answered,
// quickly (p99), regenerations must stay coalesced (at most one per minimum interval, plus
// two), and the final configuration must route to exactly the simulator's running tasks.
#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "report.h"
#include "stack.h"
#include "synthetic_apps.h"

namespace skylr::bench {
namespace {

constexpr int kApps = 1000;
constexpr int kTrackEvery = 20;  // 50 services
constexpr int kCallbacks = 10000;
constexpr int kSenders = 4;
constexpr double kSendWindowMs = 9000;  // the callbacks are paced over this
constexpr double kMinIntervalMs = 250;  // skylrd's default reload.min_interval_ms
constexpr int kScaledApps = 10;
constexpr auto kGiveUp = std::chrono::seconds(30);  // a slow skylrd must not stall the whole run

struct SenderResult {
  std::vector<double> answer_ms;
  int failed = 0;  // no answer, or not 200
  std::string first_failure;
};

// A status_update_event for callback `index`: four in five name a published app.
std::string event_body(int index) {
  int app = index % 5 == 4 ? index % kApps : (index % (kApps / kTrackEvery)) * kTrackEvery;
  const char* status = index % 3 == 0 ? "TASK_RUNNING" : index % 3 == 1 ? "TASK_STAGING" : "TASK_KILLED";
  return fmt::format(R"({{"eventType":"status_update_event","timestamp":"2024-03-11T09:21:44.512Z",)"
                     R"("slaveId":"agent-1","taskId":"storm.{}","taskStatus":"{}","appId":"{}",)"
                     R"("host":"127.0.0.1","ports":[31000],"version":"2024-03-11T09:21:44.512Z"}})",
                     index, status, synthetic_app_id(app));
}

// Sends callbacks sender, sender + kSenders, … each at its slot of the send window, over
// one keep-alive connection (httplib reconnects when skylrd closes it).
SenderResult send_callbacks(int port, int sender, Clock::time_point start) {
  httplib::Client client("127.0.0.1", port);
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);
  client.set_read_timeout(5, 0);
  SenderResult result;
  for (int index = sender; index < kCallbacks && Clock::now() < start + kGiveUp; index += kSenders) {
    auto due = start + std::chrono::microseconds(static_cast<long>(index * kSendWindowMs * 1000 / kCallbacks));
    std::this_thread::sleep_until(due);
    auto sent = Clock::now();
    httplib::Result answer = client.Post("/marathon", event_body(index), "application/json");
    result.answer_ms.push_back(elapsed_ms(sent));
    if (!answer || answer->status != 200) {
      if (result.failed++ == 0) {
        result.first_failure = answer ? fmt::format("HTTP {}", answer->status) : httplib::to_string(answer.error());
      }
    }
  }
  return result;
}

// Scales published apps up and down during the first part of the storm.
void churn(Stack& stack, Clock::time_point start, std::atomic<int>& scale_failures) {
  for (int step = 0; step < kScaledApps; ++step) {
    std::this_thread::sleep_until(start + std::chrono::milliseconds(300 + step * 600));
    try {
      stack.scale(synthetic_app_id(step * kTrackEvery), step % 2 == 0 ? 6 : 1);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "%s\n", error.what());
      ++scale_failures;
    }
  }
}

int run() {
  StackOptions options;
  options.sim_apps = synthetic_sim_apps(kApps, 3);
  options.stage_ms = 100;
  options.skylr.sse = true;  // the scaled apps' own events
  for (int app = 0; app < kApps; app += kTrackEvery) options.tracked.push_back(synthetic_app_id(app));
  Stack stack(options);
  if (!stack.wait_consistent(std::chrono::seconds(10))) throw std::runtime_error("skylrd never caught up at start");

  const std::string regenerations = "skylr_regenerations_total";
  double regenerations_before = stack.metric(regenerations);
  std::atomic<int> scale_failures{0};
  std::vector<SenderResult> results(kSenders);
  auto start = Clock::now();
  std::thread churner(churn, std::ref(stack), start, std::ref(scale_failures));
  std::vector<std::thread> senders;
  for (int sender = 0; sender < kSenders; ++sender) {
    senders.emplace_back([&, sender] { results[sender] = send_callbacks(stack.skylrd_port(), sender, start); });
  }
  for (std::thread& sender : senders) sender.join();
  double elapsed = elapsed_ms(start);
  double regenerations_done = stack.metric(regenerations) - regenerations_before;
  churner.join();
  auto settle = Clock::now();
  bool consistent = stack.wait_consistent(std::chrono::seconds(5)) && scale_failures == 0;
  double settle_ms = elapsed_ms(settle);

  std::vector<double> answers;
  int failed = 0;
  for (const SenderResult& result : results) {
    answers.insert(answers.end(), result.answer_ms.begin(), result.answer_ms.end());
    failed += result.failed;
    if (!result.first_failure.empty()) std::fprintf(stderr, "callback failure: %s\n", result.first_failure.c_str());
  }
  int answered = static_cast<int>(answers.size()) - failed;  // callbacks never sent count as unanswered
  print_row({"event storm: callbacks answered 200 (1,000 apps, 50 services)",
             fmt::format("{} of {} in {:.2f} s", answered, kCallbacks, elapsed / 1000),
             "all 10,000 within 10 s", answered == kCallbacks && elapsed <= 10000});
  double p99 = percentile(answers, 99);
  print_row({"event storm: callback answer time p50 / p99 / max",
             fmt::format("{} / {} / {}", format_ms(percentile(answers, 50)), format_ms(p99),
                         format_ms(percentile(answers, 100))),
             "p99 ≤ 20 ms", p99 <= 20});
  double allowed = elapsed / kMinIntervalMs + 2;
  print_row({"event storm: regenerations during the storm", fmt::format("{:.0f}", regenerations_done),
             fmt::format("≤ elapsed / 250 ms + 2 = {:.0f}", allowed), regenerations_done <= allowed});
  print_row({"event storm: final config = the sim's running tasks (/status)",
             consistent ? fmt::format("yes, {:.0f} ms after the last callback", settle_ms) : "no",
             "matches", consistent});
  if (!consistent) std::fprintf(stderr, "skylrd's log:\n%s\n", stack.skylrd_log().c_str());
  return 0;
}

}  // namespace
}  // namespace skylr::bench

int main() { return skylr::bench::run_benchmark("bench_event_storm", skylr::bench::run); }
