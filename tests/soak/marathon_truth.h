// MarathonTruth: what Marathon said over time, polled from a thread every 100 ms (the
// cluster's GET /v2/tasks): for each task, the spans of consecutive polls in which it was
// routable (running, not reported dead by a health check), and for each app the times its
// routable set changed. The answer checks and the recovery probe ask it; thread-safe.
#pragma once

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "http_call.h"
#include "routing_view.h"
#include "soak_time.h"

namespace skylr::soak {

// How an answer's task stood with Marathon.
enum class TaskStanding {
  kRoutable,  // listed routable within the window
  kStale,     // listed, but not routable within the window
  kUnknown,   // never listed
  kPending,   // no poll after the answer yet: ask again later
};

class MarathonTruth {
 public:
  // Polls `fetch_tasks` (a GET /v2/tasks) for the apps `app_ids` until destruction.
  MarathonTruth(std::function<testing::HttpAnswer()> fetch_tasks, std::vector<std::string> app_ids);
  ~MarathonTruth();
  MarathonTruth(const MarathonTruth&) = delete;
  MarathonTruth& operator=(const MarathonTruth&) = delete;

  // How `task_id` stood for a request sent at `sent` and answered at `answered`: routable
  // when a poll listed it routable that ended at or after `sent` - `grace` and started no
  // later than the first poll that started after `answered`.
  TaskStanding standing(const std::string& task_id, TimePoint sent, TimePoint answered, Millis grace) const;

  // The routable tasks by app at the last poll.
  testing::TasksByApp latest() const;

  // The times the routable set of `app_id` changed between two polls (the end of the
  // earlier one).
  std::vector<TimePoint> changes(const std::string& app_id) const;

  // Polls that succeeded and failed so far.
  int polls() const { return polls_; }
  int failed_polls() const { return failed_polls_; }

 private:
  // Consecutive polls that listed a task routable: from the first's start to the last's end.
  struct Span {
    TimePoint first_start;
    TimePoint last_end;
  };

  void run();
  void poll();
  // Records the routable set `now` of a poll over [start, end].
  void record(const testing::TasksByApp& now, const std::set<std::string>& listed, TimePoint start, TimePoint end);
  // The start of the first poll that started after `at`, if one ended already.
  std::optional<TimePoint> first_poll_after(TimePoint at) const;

  const std::function<testing::HttpAnswer()> fetch_tasks_;
  const std::vector<std::string> app_ids_;
  mutable std::mutex mutex_;
  std::deque<TimePoint> poll_starts_;              // of the polls that succeeded, in order
  std::map<std::string, std::vector<Span>> spans_;  // by task id
  std::set<std::string> listed_;                   // every task id ever listed, routable or not
  std::set<std::string> routable_before_;          // routable at the previous poll
  TimePoint previous_end_{};
  testing::TasksByApp latest_;
  std::map<std::string, std::vector<TimePoint>> changes_;
  std::atomic<int> polls_{0};
  std::atomic<int> failed_polls_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace skylr::soak
