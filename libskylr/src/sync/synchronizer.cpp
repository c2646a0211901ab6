// synchronize() and the Synchronizer: fetch and model, then render and apply, statelessly
// or with the slots kept from the previous sync.
#include "sync/synchronizer.h"

#include "skylr/render.h"
#include "sync/answer_check.h"

namespace skylr::sync {

using apply::ConfigApplier;

using haproxy::SlotSessions;
namespace {

using TimePoint = std::chrono::steady_clock::time_point;

std::chrono::milliseconds since(const Clock& clock, TimePoint start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock.now() - start);
}

// Fetches Marathon's apps into `report`: its model (a malformed app keeps its servers in
// `previous`), or its fetch error. True on success.
bool fetch_model(const Config& config, MarathonClient& marathon, const Clock& clock, const Model& previous,
                 SyncReport& report, TimePoint start) {
  Result<std::vector<App>> apps = marathon.fetch_apps();
  report.fetch_duration = since(clock, start);
  if (!apps) {
    report.fetch_error = apps.error().message;
    return false;
  }
  report.model = build_model(config, *apps, previous);
  return true;
}

}  // namespace

SyncReport synchronize(const Config& config, MarathonClient& marathon, ConfigApplier& applier,
                       const Clock& clock) {
  SyncReport report;
  auto start = clock.now();
  if (fetch_model(config, marathon, clock, Model{}, report, start)) {
    report.apply = applier.apply(render_haproxy_config(config, report.model));
  }
  report.total_duration = since(clock, start);
  return report;
}

SyncReport Synchronizer::sync(const Config& config) {
  SyncReport report;
  auto start = clock_.now();
  bool fetched = fetch_model(config, marathon_, clock_, model_, report, start);
  if (fetched && synced_) {
    check_answer(config, marathon_, model_, report);
    report.fetch_duration = since(clock_, start);
  }
  if (!fetched || report.verdict == AnswerVerdict::kRefused) {
    report.total_duration = since(clock_, start);
    return report;
  }
  SlotTable current = release_finished_drains(config, clock_.now());
  return apply_model(config, std::move(report), std::move(current), start);
}

SyncReport Synchronizer::finish_drains(const Config& config) {
  SyncReport report;
  report.model = model_;
  auto start = clock_.now();
  if (!synced_ || count_draining(slots_) == 0) return report;
  SlotTable current = release_finished_drains(config, start);
  if (count_draining(current) == count_draining(slots_)) {
    next_drain_check_ = clock_.now() + kDrainPoll;
    return report;
  }
  return apply_model(config, std::move(report), std::move(current), start);
}

std::optional<TimePoint> Synchronizer::next_drain_check() const { return next_drain_check_; }

SyncReport Synchronizer::apply_model(const Config& config, SyncReport report, SlotTable current,
                                     TimePoint start) {
  SlotTable next = assign_slots(current, report.model, slot_policy(config.haproxy), clock_.now());
  std::string rendered = render_haproxy_config(config, report.model, next);
  report.apply = applier_.apply(rendered, [&] { return runtime_.update(config, next); });
  if (report.apply.status != ApplyStatus::kFailed) {
    bool reloaded = report.apply.method == ApplyMethod::kReload;
    slots_ = reloaded ? release_all_drains(std::move(next)) : std::move(next);
    model_ = report.model;
    synced_ = true;
  }
  next_drain_check_.reset();
  if (count_draining(slots_) > 0) next_drain_check_ = clock_.now() + kDrainPoll;
  report.total_duration = since(clock_, start);
  return report;
}

// The slots HAProxy serves, with every drain that is over freed: its deadline passed, or
// HAProxy lists no session on the slot (when HAProxy cannot tell, only deadlines count).
SlotTable Synchronizer::release_finished_drains(const Config& config, TimePoint now) {
  if (count_draining(slots_) == 0) return slots_;
  Result<SlotSessions> sessions = runtime_.slot_sessions(config);
  auto drain = std::chrono::seconds(config.haproxy.drain_seconds);
  return release_drains(slots_, [&](const std::string& service, std::size_t index, const Slot& slot) {
    if (now - slot.draining_since >= drain) return true;
    if (!sessions) return false;
    auto by_slot = sessions->find(service);
    if (by_slot == sessions->end()) return true;
    auto count = by_slot->second.find(index);
    return count == by_slot->second.end() || count->second == 0;
  });
}

}  // namespace skylr::sync
