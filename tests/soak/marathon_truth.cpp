#include "marathon_truth.h"

#include <algorithm>
#include <stdexcept>

#include <rapidjson/document.h>

namespace skylr::soak {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(100);
// Poll starts kept for first_poll_after(): answers are judged within seconds.
constexpr auto kPollHistory = std::chrono::minutes(5);

// Every task id in a /v2/tasks body, routable or not.
std::set<std::string> listed_task_ids(const std::string& tasks_json) {
  rapidjson::Document document;
  document.Parse(tasks_json.data(), tasks_json.size());
  std::set<std::string> ids;
  if (document.HasParseError() || !document.IsObject() || !document.HasMember("tasks")) return ids;
  for (const auto& task : document["tasks"].GetArray()) {
    if (task.HasMember("id") && task["id"].IsString()) ids.insert(task["id"].GetString());
  }
  return ids;
}

}  // namespace

MarathonTruth::MarathonTruth(std::function<testing::HttpAnswer()> fetch_tasks, std::vector<std::string> app_ids)
    : fetch_tasks_(std::move(fetch_tasks)), app_ids_(std::move(app_ids)) {
  poll();
  thread_ = std::thread([this] { run(); });
}

MarathonTruth::~MarathonTruth() {
  stop_ = true;
  thread_.join();
}

void MarathonTruth::run() {
  while (!stop_) {
    std::this_thread::sleep_for(kPollInterval);
    poll();
  }
}

void MarathonTruth::poll() {
  TimePoint start = Clock::now();
  testing::HttpAnswer answer = fetch_tasks_();
  TimePoint end = Clock::now();
  if (answer.status != 200) {
    ++failed_polls_;
    return;
  }
  try {
    record(testing::routable_in_marathon(answer.body, app_ids_), listed_task_ids(answer.body), start, end);
    ++polls_;
  } catch (const std::runtime_error&) {
    ++failed_polls_;
  }
}

void MarathonTruth::record(const testing::TasksByApp& now, const std::set<std::string>& listed, TimePoint start,
                           TimePoint end) {
  std::lock_guard lock(mutex_);
  std::set<std::string> routable;
  for (const auto& [app_id, ids] : now) {
    auto before = latest_.find(app_id);
    if (before != latest_.end() && before->second != ids) changes_[app_id].push_back(previous_end_);
    for (const auto& id : ids) {
      routable.insert(id);
      auto& spans = spans_[id];
      if (routable_before_.contains(id) && !spans.empty()) {
        spans.back().last_end = end;
      } else {
        spans.push_back({start, end});
      }
    }
  }
  listed_.insert(listed.begin(), listed.end());
  routable_before_ = std::move(routable);
  latest_ = now;
  previous_end_ = end;
  poll_starts_.push_back(start);
  while (!poll_starts_.empty() && start - poll_starts_.front() > kPollHistory) poll_starts_.pop_front();
}

std::optional<TimePoint> MarathonTruth::first_poll_after(TimePoint at) const {
  auto after = std::upper_bound(poll_starts_.begin(), poll_starts_.end(), at);
  if (after == poll_starts_.end()) return std::nullopt;
  return *after;
}

TaskStanding MarathonTruth::standing(const std::string& task_id, TimePoint sent, TimePoint answered,
                                     Millis grace) const {
  std::lock_guard lock(mutex_);
  auto until = first_poll_after(answered);
  if (!until) return TaskStanding::kPending;
  auto spans = spans_.find(task_id);
  if (spans != spans_.end()) {
    for (const Span& span : spans->second) {
      if (span.last_end >= sent - grace && span.first_start <= *until) return TaskStanding::kRoutable;
    }
  }
  return listed_.contains(task_id) ? TaskStanding::kStale : TaskStanding::kUnknown;
}

testing::TasksByApp MarathonTruth::latest() const {
  std::lock_guard lock(mutex_);
  return latest_;
}

std::vector<TimePoint> MarathonTruth::changes(const std::string& app_id) const {
  std::lock_guard lock(mutex_);
  auto found = changes_.find(app_id);
  return found == changes_.end() ? std::vector<TimePoint>{} : found->second;
}

}  // namespace skylr::soak
