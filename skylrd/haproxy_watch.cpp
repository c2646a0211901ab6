#include "haproxy_watch.h"

#include <fmt/format.h>

#include "log.h"

namespace skylr {

void HaproxyWatch::run() {
  std::unique_lock lock(mutex_);
  while (!stopped_) {
    lock.unlock();
    look();
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopped_; });
  }
}

void HaproxyWatch::stop() {
  std::lock_guard lock(mutex_);
  stopped_ = true;
  wake_.notify_all();
}

void HaproxyWatch::look() {
  auto start = std::chrono::steady_clock::now();
  SupervisionReport report = pipeline_.supervise();
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  board_.record_haproxy(report);
  metrics_.set_haproxy_up(report.serving);
  if (report.restarted) {
    metrics_.count_haproxy_restart();
    log_line(LogLevel::kWarning, fmt::format("haproxy: {}; started it again on the last good config in {} ms",
                                             report.problem, took.count()));
  } else if (!report.serving && serving_) {
    log_line(LogLevel::kError, "haproxy: not serving: " + report.problem);
  } else if (report.serving && !report.problem.empty()) {
    log_line(LogLevel::kWarning, "haproxy: " + report.problem);
  }
  for (const std::string& warning : report.warnings) log_line(LogLevel::kWarning, "haproxy: " + warning);
  if (report.serving && !serving_ && started_ && !report.restarted) log_line("haproxy: serving again");
  started_ = started_ || report.serving;
  serving_ = report.serving;
}

}  // namespace skylr
