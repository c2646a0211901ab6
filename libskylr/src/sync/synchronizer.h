// Synchronizer: one sync, the unit of work of skylrd's loop and of `skylrctl
// regenerate`: read Marathon's apps (all of them, or only those events named), build the
// model, render, apply. When Marathon cannot be read or answers garbage, or a drastic
// change is not confirmed by a second read, nothing is applied and the last good
// configuration keeps serving. The Synchronizer class also keeps, between syncs, the
// model, the server slots and the rendered text part by part (render/rendered_config.h),
// so that a sync costs what changed: only the services of the apps read are modelled and
// rendered again, a change of servers reaches HAProxy through its Runtime API first (the
// file follows), a removed task's slot drains before it is reused, and each full answer
// is judged against what HAProxy serves.
// Thread-compatible: the caller serialises runs.
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>

#include "apply/applier.h"
#include "haproxy/runtime_updater.h"
#include "render/rendered_config.h"
#include "discovery/routes.h"
#include "skylr/clock.h"
#include "skylr/config.h"
#include "skylr/discovery.h"
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

  // Reads only the apps `app_ids` (one GET /v2/apps/{id}?embed=app.tasks each; a 404
  // means the app is gone and its services lose their servers), models and renders only
  // the services that follow them, and applies the change through the Runtime API first
  // when only servers changed, by a checked reload otherwise. A failed read applies
  // nothing. Before the first successful sync, or after a failed apply (the text HAProxy
  // serves is then not known part by part), it runs sync() instead. The report's model
  // holds only the services of `app_ids` (scope kApps).
  SyncReport sync_apps(const Config& config, const std::set<std::string>& app_ids);

  // Without reading Marathon: frees the draining slots whose sessions reached zero or
  // whose haproxy.drain_seconds passed, and parks them in maintenance through the Runtime
  // API (the text does not change). The report has no model; when no drain was over (or
  // nothing was synced yet) nothing is applied and the outcome is kUnchanged.
  SyncReport finish_drains(const Config& config);

  // When finish_drains should run: kDrainPoll after the last apply while slots drain;
  // nullopt when none drains.
  std::optional<std::chrono::steady_clock::time_point> next_drain_check() const;

  // The config HAProxy is served from: `config` with the services label discovery
  // published at the last successful sync (`config` itself when discovery is off).
  const Config& served_config(const Config& config) const { return config.discovery.enabled ? effective_ : config; }

  // The slots as HAProxy serves them since the last successful apply.
  const SlotTable& slots() const { return slots_; }

 private:
  // What a full sync with label discovery would serve on a reload (apply_model).
  struct Fresh {
    const Config* config;
    const std::vector<App>* apps;
    const std::vector<Problem>* problems;
  };
  SyncReport apply_model(const Config& config, SyncReport report, SlotTable current,
                         std::chrono::steady_clock::time_point start, const Fresh* fresh);
  bool runtime_suffices(const render::RenderChanges& changes) const;
  std::vector<App> fetch_named(SyncReport& report);
  void apply_part(const Config& config, const std::vector<App>& apps, SyncReport& report);
  ApplyOutcome apply_rendered(const Config& served, const render::RenderChanges& changes,
                              std::optional<discovery::Routes> routes, const apply::RuntimeStep& step);
  discovery::RoutesMap routes_of(const Config& served) const;

  void schedule_drain_check();
  void commit_parts(const Model& part, const std::set<std::string>& app_ids, SlotTable parts, bool reloaded);
  SlotTable release_finished_drains(const Config& config,
                                    std::chrono::steady_clock::time_point now);

  MarathonClient& marathon_;
  apply::ConfigApplier& applier_;
  haproxy::RuntimeUpdater& runtime_;
  const Clock& clock_;
  SlotTable slots_;
  Model model_;  // of the last successful apply
  render::RenderedConfig rendered_;  // of the last render; empty when HAProxy's text is not known
  bool synced_ = false;
  Config effective_;       // with discovery on: the config with the discovered services
  discovery::Routes routes_;  // the routes map HAProxy serves
  bool routes_written_ = false;
  std::optional<std::chrono::steady_clock::time_point> next_drain_check_;
};

}  // namespace skylr::sync
