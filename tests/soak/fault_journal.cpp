#include "fault_journal.h"

namespace skylr::soak {

void FaultJournal::app_changed(const std::string& app_id, TimePoint at) {
  std::lock_guard lock(mutex_);
  app_changes_[app_id].push_back(at);
}

std::vector<TimePoint> FaultJournal::app_changes(const std::string& app_id) const {
  std::lock_guard lock(mutex_);
  auto found = app_changes_.find(app_id);
  return found == app_changes_.end() ? std::vector<TimePoint>{} : found->second;
}

void FaultJournal::haproxy_killed(TimePoint at) {
  std::lock_guard lock(mutex_);
  haproxy_kills_.push_back(at);
}

std::vector<TimePoint> FaultJournal::haproxy_kills() const {
  std::lock_guard lock(mutex_);
  return haproxy_kills_;
}

void FaultJournal::add_step(StepRecord step) {
  std::lock_guard lock(mutex_);
  steps_.push_back(std::move(step));
}

std::vector<StepRecord> FaultJournal::steps() const {
  std::lock_guard lock(mutex_);
  return steps_;
}

void FaultJournal::skipped(const std::string& name) {
  std::lock_guard lock(mutex_);
  ++skips_[name];
}

std::map<std::string, int> FaultJournal::skips() const {
  std::lock_guard lock(mutex_);
  return skips_;
}

void FaultJournal::skylrd_died(std::string what) {
  std::lock_guard lock(mutex_);
  skylrd_deaths_.push_back(std::move(what));
}

std::vector<std::string> FaultJournal::skylrd_deaths() const {
  std::lock_guard lock(mutex_);
  return skylrd_deaths_;
}

}  // namespace skylr::soak
