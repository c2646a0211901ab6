#include "answer_check.h"

#include <fmt/format.h>

namespace skylr::soak {

AnswerCheck::AnswerCheck(const MarathonTruth& truth, std::vector<std::string> app_ids, Millis grace,
                         std::function<void(const std::string&)> note)
    : truth_(truth), app_ids_(std::move(app_ids)), grace_(grace), note_(std::move(note)) {}

void AnswerCheck::add(const Exchange& exchange) {
  std::lock_guard lock(mutex_);
  ++tally_.sent;
  if (exchange.outcome.failure != Failure::kOk) {
    ++tally_.failed;
    ++tally_.by_cause[exchange.outcome.failure];
    failures_.push_back({exchange.service, exchange.sent, exchange.answered, exchange.outcome.failure});
    if (note_) {
      note_(fmt::format("{}: {} after {:.0f} ms", app_ids_.at(exchange.service), failure_name(exchange.outcome.failure),
                        ms_between(exchange.sent, exchange.answered)));
    }
    return;
  }
  ++tally_.answered_ok;
  queued_.push_back(exchange);
  ++tally_.unjudged;
}

void AnswerCheck::judge_ready() {
  std::lock_guard lock(mutex_);
  while (!queued_.empty() && judge(queued_.front())) {
    queued_.pop_front();
    --tally_.unjudged;
  }
}

bool AnswerCheck::judge(const Exchange& exchange) {
  const ProbeOutcome& outcome = exchange.outcome;
  std::string why;
  if (outcome.app_id != app_ids_.at(exchange.service)) {
    why = "another app's task";
  } else {
    switch (truth_.standing(outcome.task_id, exchange.sent, exchange.answered, grace_)) {
      case TaskStanding::kPending: return false;
      case TaskStanding::kRoutable: return true;
      case TaskStanding::kStale: why = "a task Marathon did not list as running and healthy then"; break;
      case TaskStanding::kUnknown: why = "a task Marathon never listed"; break;
    }
  }
  ++tally_.misrouted;
  misroutes_.push_back({exchange.service, exchange.sent, exchange.answered, outcome.app_id, outcome.task_id, why});
  if (note_) note_(fmt::format("{}: MISROUTED to {} ({})", app_ids_.at(exchange.service), outcome.task_id, why));
  return true;
}

Tally AnswerCheck::tally() const {
  std::lock_guard lock(mutex_);
  return tally_;
}

std::vector<FailedRequest> AnswerCheck::failures() const {
  std::lock_guard lock(mutex_);
  return failures_;
}

std::vector<Misroute> AnswerCheck::misroutes() const {
  std::lock_guard lock(mutex_);
  return misroutes_;
}

}  // namespace skylr::soak
