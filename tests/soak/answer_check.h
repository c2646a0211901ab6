// AnswerCheck: judges every exchange of the traffic. A failed request is counted by cause
// and kept (whether it was excused is decided at the end, see failure_attribution.h). An
// answer is misrouted when the task that answered belongs to another app than the
// service's, or Marathon did not list it as routable shortly before (within `grace`: a
// removed task drains, and a killed one answers for the kill grace period). Answers wait
// for the next poll of MarathonTruth before they are judged. Thread-safe.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "http_probe.h"
#include "marathon_truth.h"
#include "soak_time.h"

namespace skylr::soak {

// One request of the traffic and its outcome.
struct Exchange {
  std::size_t service = 0;  // index into the app ids
  TimePoint sent;
  TimePoint answered;
  ProbeOutcome outcome;
};

// A request that failed.
struct FailedRequest {
  std::size_t service = 0;
  TimePoint sent;
  TimePoint answered;
  Failure failure = Failure::kOk;
};

// An answer from a task that should not have answered.
struct Misroute {
  std::size_t service = 0;
  TimePoint sent;
  TimePoint answered;
  std::string app_id;   // of the task that answered
  std::string task_id;
  std::string why;      // "another app's task", "a task Marathon did not list as routable", …
};

// The counts so far.
struct Tally {
  long sent = 0;
  long answered_ok = 0;           // answered by a task (misrouted or not)
  long failed = 0;
  long misrouted = 0;
  long unjudged = 0;              // answers still waiting for a poll
  std::map<Failure, long> by_cause;
};

class AnswerCheck {
 public:
  // Judges the services of `app_ids` against `truth`; `note`, when set, is told each
  // failure and misroute as a line of text.
  AnswerCheck(const MarathonTruth& truth, std::vector<std::string> app_ids, Millis grace,
              std::function<void(const std::string&)> note = {});

  // Counts `exchange`; a failure is kept, an answer queued for judging.
  void add(const Exchange& exchange);

  // Judges the queued answers that a poll after them allows to judge.
  void judge_ready();

  Tally tally() const;
  std::vector<FailedRequest> failures() const;
  std::vector<Misroute> misroutes() const;

 private:
  // Judges `exchange` (a 200 from a task); false when it must wait for a poll.
  bool judge(const Exchange& exchange);

  const MarathonTruth& truth_;
  const std::vector<std::string> app_ids_;
  const Millis grace_;
  const std::function<void(const std::string&)> note_;
  mutable std::mutex mutex_;
  Tally tally_;
  std::deque<Exchange> queued_;
  std::vector<FailedRequest> failures_;
  std::vector<Misroute> misroutes_;
};

}  // namespace skylr::soak
