// HaproxyWatch: skylrd's supervisor of HAProxy. On a thread of its own it has the
// pipeline look at HAProxy every interval, so a HAProxy that died is started again on
// the last good configuration within about a second in managed mode, whether or not
// Marathon answers and even while a sync waits on Marathon. It records each look on the
// status board (/health, /status) and in the metrics, and logs every change: HAProxy
// gone (with its exit status), started again, serving again. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "metrics.h"
#include "skylr/pipeline.h"
#include "status_board.h"

namespace skylr {

class HaproxyWatch {
 public:
  // Every reference must outlive the watch.
  HaproxyWatch(Pipeline& pipeline, StatusBoard& board, Metrics& metrics,
               std::chrono::milliseconds interval)
      : pipeline_(pipeline), board_(board), metrics_(metrics), interval_(interval) {}

  // Looks at HAProxy every interval until stop() is called.
  void run();

  // Makes run() return after the look in progress, if any.
  void stop();

 private:
  void look();

  Pipeline& pipeline_;
  StatusBoard& board_;
  Metrics& metrics_;
  const std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopped_ = false;
  bool serving_ = false;  // at the last look, for logging changes only
  bool started_ = false;  // HAProxy was found serving at least once
};

}  // namespace skylr
