// Synchronizer: one full sync, the unit of work of skylrd's loop and of
// `skylrctl regenerate`: fetch Marathon's apps, build the model, render, apply. When
// Marathon cannot be read or answers garbage, or a drastic change is not confirmed by a
// second read, nothing is applied and the last good configuration keeps serving. The
// Synchronizer class also keeps the server slots and the model between syncs, so that a
// change of membership reaches HAProxy through its Runtime API instead of a reload, a
// removed task's slot drains before it is reused, and each answer is judged against
// what HAProxy serves.
// Thread-compatible: the caller serialises runs.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "apply/applier.h"
#include "haproxy/runtime_updater.h"
#include "skylr/clock.h"
#include "skylr/config.h"
#include "skylr/marathon_client.h"
#include "skylr/model.h"
#include "skylr/server_slots.h"

namespace skylr::sync {

// Fetches, models, renders (with a fresh slot assignment) and applies, once, always by a
// reload when the configuration changed.
SyncReport synchronize(const Config& config, MarathonClient& marathon, apply::ConfigApplier& applier,
                       const Clock& clock);

class Synchronizer {
 public:
  // How often draining slots are looked at (their sessions, their deadline).
  static constexpr std::chrono::seconds kDrainPoll{1};

  // Every reference must outlive the synchronizer.
  Synchronizer(MarathonClient& marathon, apply::ConfigApplier& applier, haproxy::RuntimeUpdater& runtime,
               const Clock& clock)
      : marathon_(marathon), applier_(applier), runtime_(runtime), clock_(clock) {}

  // Fetches and models Marathon's apps (a malformed app keeps the servers it was last
  // applied with), confirms a drastic change by a second read (sync/answer_check.h) and
  // applies nothing when it is refused; else frees the drained slots, places the servers
  // in slots (tasks keep theirs) and applies, through the Runtime API when only servers
  // changed. Keeps the slots and the model HAProxy then serves for the next sync.
  SyncReport sync(const Config& config);

  // Without reading Marathon: frees the draining slots whose sessions reached zero or
  // whose haproxy.drain_seconds passed, and parks them in maintenance. Reports the last
  // model; when no drain was over (or nothing was synced yet) nothing is applied and the
  // outcome is kUnchanged.
  SyncReport finish_drains(const Config& config);

  // When finish_drains should run: kDrainPoll after the last apply while slots drain;
  // nullopt when none drains.
  std::optional<std::chrono::steady_clock::time_point> next_drain_check() const;

  // The slots as HAProxy serves them since the last successful apply.
  const SlotTable& slots() const { return slots_; }

 private:
  SyncReport apply_model(const Config& config, SyncReport report, SlotTable current,
                         std::chrono::steady_clock::time_point start);
  SlotTable release_finished_drains(const Config& config,
                                    std::chrono::steady_clock::time_point now);

  MarathonClient& marathon_;
  apply::ConfigApplier& applier_;
  haproxy::RuntimeUpdater& runtime_;
  const Clock& clock_;
  SlotTable slots_;
  Model model_;  // of the last successful apply
  bool synced_ = false;
  std::optional<std::chrono::steady_clock::time_point> next_drain_check_;
};

}  // namespace skylr::sync
