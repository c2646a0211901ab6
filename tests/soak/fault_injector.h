// FaultInjector: does the faults to the running cluster, choosing its targets (app, task,
// process, master, config) with the schedule's random generator. Some faults leave
// something to undo after a while (the master back, the task healthy, a valid config);
// undo() does it. Every change to an app's tasks is noted in the journal before it is
// made, every kill of an HAProxy process too. For the soak's main thread.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>

#include "cluster.h"
#include "fault_journal.h"
#include "fault_kind.h"
#include "haproxy_watch.h"

namespace skylr::soak {

// A step the injector took: the report's row, what exactly, and when it began.
struct Step {
  std::string label;
  std::string detail;
  TimePoint at;
};

class FaultInjector {
 public:
  // Faults against `cluster` (whose apps start with `instances` tasks each), `haproxy`
  // telling HAProxy's processes, choices from `random`.
  FaultInjector(Cluster& cluster, const HaproxyWatch& haproxy, FaultJournal& journal, std::mt19937_64& random,
                int instances);

  // Injects a fault of `kind`; nullopt when it cannot apply now (no HAProxy process to kill,
  // no app with a spare task to fail). Throws std::runtime_error when the cluster refuses.
  std::optional<Step> inject(FaultKind kind);

  // True when the last fault left something to undo.
  bool has_undo() const { return static_cast<bool>(undo_); }

  // Undoes it: the step to measure, or nullopt when undoing changes nothing skylrd sees.
  std::optional<Step> undo();

 private:
  std::optional<Step> scale();
  std::optional<Step> kill_task();
  std::optional<Step> fail_health();
  std::optional<Step> kill_haproxy(bool master);
  std::optional<Step> take_leader_down();
  std::optional<Step> sighup();
  std::optional<Step> restart_skylrd();

  // Sets `app_id`'s instances to `instances` (noted in the journal).
  void set_instances(const std::string& app_id, int instances);
  // Kills a random task of a random app without scaling (Marathon replaces it); its
  // description.
  std::string kill_random_task();
  // The routable task ids of `app_id` now.
  std::vector<std::string> routable_tasks(const std::string& app_id) const;
  // A uniformly random index below `size` (> 0).
  std::size_t pick(std::size_t size);
  // A uniformly random duration in [low, high].
  Millis between(Millis low, Millis high);

  Cluster& cluster_;
  const HaproxyWatch& haproxy_;
  FaultJournal& journal_;
  std::mt19937_64& random_;
  std::map<std::string, int> instances_;
  int config_variant_ = 0;
  std::function<std::optional<Step>()> undo_;
};

}  // namespace skylr::soak
