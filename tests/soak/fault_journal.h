// FaultJournal: what the soak did and when, for judging failures and reporting: the times
// it changed each app's tasks, the times it killed an HAProxy process, every step of the
// schedule (a fault, or its undoing) with how long recovery took, the faults it skipped
// and skylrd's own exits. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "soak_time.h"

namespace skylr::soak {

// One step of the schedule.
struct StepRecord {
  std::string label;                 // the report's row: "scale", "leader (standby crashes)", …
  std::string detail;                // what exactly, e.g. "/soak/app2 2 → 4"
  TimePoint at;                      // when it began; recovery is measured from here
  std::optional<double> recovery_ms; // nullopt: not recovered within the cap
  std::string not_recovered;         // then, what was still wrong
};

class FaultJournal {
 public:
  // Notes that the soak changes the tasks of `app_id` at `at`.
  void app_changed(const std::string& app_id, TimePoint at);
  // The times app_changed() noted for `app_id`.
  std::vector<TimePoint> app_changes(const std::string& app_id) const;

  // Notes that the soak killed an HAProxy process at `at`.
  void haproxy_killed(TimePoint at);
  std::vector<TimePoint> haproxy_kills() const;

  // Adds a finished step.
  void add_step(StepRecord step);
  std::vector<StepRecord> steps() const;

  // Notes that a fault of kind `name` was due but had nothing to act on.
  void skipped(const std::string& name);
  std::map<std::string, int> skips() const;

  // Notes that skylrd ended by itself (`what`: its exit code and last log lines).
  void skylrd_died(std::string what);
  std::vector<std::string> skylrd_deaths() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::vector<TimePoint>> app_changes_;
  std::vector<TimePoint> haproxy_kills_;
  std::vector<StepRecord> steps_;
  std::vector<std::string> skylrd_deaths_;
  std::map<std::string, int> skips_;
};

}  // namespace skylr::soak
