#include "traffic.h"

#include <poll.h>

#include <memory>

namespace skylr::soak {
namespace {

constexpr auto kConnectTimeout = std::chrono::milliseconds(1000);
constexpr auto kRequestTimeout = std::chrono::milliseconds(3000);
constexpr int kPollMs = 10;
constexpr auto kJudgeInterval = std::chrono::milliseconds(50);

}  // namespace

Traffic::Traffic(std::vector<int> ports, Millis pace, AnswerCheck& check)
    : ports_(std::move(ports)), pace_(pace), check_(check), recent_(ports_.size()) {
  thread_ = std::thread([this] { run(); });
}

Traffic::~Traffic() { stop(); }

void Traffic::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void Traffic::run() {
  std::vector<std::unique_ptr<HttpProbe>> probes(ports_.size());
  std::vector<TimePoint> next_start(ports_.size(), Clock::now());
  TimePoint judged = Clock::now();
  while (!stop_) {
    TimePoint now = Clock::now();
    std::vector<pollfd> entries;
    std::vector<std::size_t> polled;
    for (std::size_t i = 0; i < ports_.size(); ++i) {
      if (!probes[i] && now >= next_start[i]) {
        probes[i] = std::make_unique<HttpProbe>(ports_[i], now, kConnectTimeout, kRequestTimeout);
      }
      if (probes[i] && !probes[i]->done()) {
        entries.push_back(probes[i]->poll_entry());
        polled.push_back(i);
      }
    }
    ::poll(entries.data(), entries.size(), kPollMs);
    now = Clock::now();
    for (std::size_t k = 0; k < polled.size(); ++k) probes[polled[k]]->advance(entries[k].revents, now);
    for (std::size_t i = 0; i < ports_.size(); ++i) {
      if (!probes[i] || !probes[i]->done()) continue;
      finish(i, *probes[i], now);
      probes[i].reset();
      next_start[i] = now + pace_;
    }
    if (now - judged >= kJudgeInterval) {
      check_.judge_ready();
      judged = now;
    }
  }
}

void Traffic::finish(std::size_t service, const HttpProbe& probe, TimePoint at) {
  check_.add({service, probe.started(), at, probe.outcome()});
  std::lock_guard lock(mutex_);
  auto& recent = recent_[service];
  recent.push_back({probe.started(), probe.outcome().failure, probe.outcome().task_id});
  while (recent.size() > kKeptPerService) recent.pop_front();
}

std::vector<RecentExchange> Traffic::recent(std::size_t service) const {
  std::lock_guard lock(mutex_);
  return {recent_.at(service).begin(), recent_.at(service).end()};
}

}  // namespace skylr::soak
