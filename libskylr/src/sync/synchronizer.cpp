// synchronize() and the Synchronizer: fetch and model, then render and apply, statelessly
// or with the model, slots and rendered parts kept from the previous sync.
#include "sync/synchronizer.h"

#include <fmt/format.h>

#include <algorithm>

#include "haproxy/config_structure.h"
#include "skylr/discovery.h"
#include "skylr/render.h"
#include "sync/answer_check.h"
#include "util/sorted_vector.h"

namespace skylr::sync {

using apply::ConfigApplier;

using haproxy::SlotSessions;
using render::RenderChanges;
namespace {

using TimePoint = std::chrono::steady_clock::time_point;

std::chrono::milliseconds since(const Clock& clock, TimePoint start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock.now() - start);
}

// Fetches Marathon's apps; on failure sets the report's fetch error. Sets its fetch duration.
std::optional<std::vector<App>> fetch_apps(MarathonClient& marathon, const Clock& clock, SyncReport& report,
                                           TimePoint start) {
  Result<std::vector<App>> apps = marathon.fetch_apps();
  report.fetch_duration = since(clock, start);
  if (!apps) {
    report.fetch_error = apps.error().message;
    return std::nullopt;
  }
  return std::move(*apps);
}

// `config` with what label discovery publishes from `apps`, at its fresh (the services
// as a reload would serve them, spares topped up) and as close as possible to `previous`
// (what HAProxy serves; carry_over), with the refused ports' problems.
struct Published {
  Config fresh;
  Config carried;
  std::vector<Problem> problems;
  std::vector<std::pair<std::string, std::string>> took_spare;  // (spare, service) in `carried`
};

Published publish(const Config& config, const std::vector<App>& apps, const Config* previous) {
  Published published;
  published.fresh = publish_all(config, apps, published.problems);
  published.carried = published.fresh;
  if (previous != nullptr) published.took_spare = carry_over(published.carried, *previous);
  return published;
}

// Renames the service `from` of `slots` to `to` (a service that took a spare's backend
// keeps its slots), keeping the table sorted.
void rename_slots(SlotTable& slots, const std::string& from, const std::string& to) {
  auto found = std::find_if(slots.services.begin(), slots.services.end(),
                            [&](const ServiceSlots& service) { return service.service == from; });
  if (found == slots.services.end()) return;
  ServiceSlots moved = std::move(*found);
  slots.services.erase(found);
  moved.service = to;
  util::put_sorted(slots.services, std::move(moved), [](const ServiceSlots& service) -> std::string_view {
    return service.service;
  });
}

// True when every changed section differs from its text before only in what the Runtime
// API can change (compare_structure).
bool servers_only(const RenderChanges& changes, const render::RenderedConfig& rendered) {
  return std::all_of(changes.sections.begin(), changes.sections.end(), [&](const auto& changed) {
    return haproxy::compare_structure(changed.before, rendered.section(changed.service)) == ReloadReason::kNone;
  });
}

// `table` with each service of `parts` put in: replacing its slots, or inserted in order.
void put_slots(SlotTable& table, SlotTable parts) {
  for (ServiceSlots& part : parts.services) {
    util::put_sorted(table.services, std::move(part), [](const ServiceSlots& slots) -> std::string_view {
      return slots.service;
    });
  }
}

// The services with fewer draining slots in `after` than in `before` (the same table with
// some drains over).
std::set<std::string> services_drained(const SlotTable& before, const SlotTable& after) {
  std::set<std::string> drained;
  for (std::size_t i = 0; i < before.services.size() && i < after.services.size(); ++i) {
    if (count_draining(after.services[i]) < count_draining(before.services[i])) {
      drained.insert(after.services[i].service);
    }
  }
  return drained;
}

}  // namespace

SyncReport synchronize(const Config& config, MarathonClient& marathon, ConfigApplier& applier,
                       const Clock& clock) {
  SyncReport report;
  auto start = clock.now();
  Config served;
  if (std::optional<std::vector<App>> apps = fetch_apps(marathon, clock, report, start)) {
    report.model = config.discovery.enabled ? build_published_model(config, *apps, served) : build_model(config, *apps);
    const Config& rendered = config.discovery.enabled ? served : config;
    Status routes = config.discovery.enabled
                        ? applier.write_routes_map(render_routes_map(rendered))
                        : Status{};
    report.apply = routes ? applier.apply(render_haproxy_config(rendered, report.model))
                          : applier.record_render_failure(routes.error().message);
  }
  report.total_duration = since(clock, start);
  return report;
}

SyncReport Synchronizer::sync(const Config& config) {
  SyncReport report;
  auto start = clock_.now();
  std::uint64_t bytes_before = marathon_.bytes_read();
  std::optional<std::vector<App>> apps = fetch_apps(marathon_, clock_, report, start);
  Published published;
  if (apps && config.discovery.enabled) {
    published = publish(config, *apps, synced_ ? &effective_ : nullptr);
    report.model = build_served_model(published.carried, *apps, published.problems, model_);
  } else if (apps) {
    report.model = build_model(config, *apps, model_);
  }
  const Config& served = config.discovery.enabled ? published.carried : config;
  if (apps && synced_) {
    check_answer(served, marathon_, model_, report);
    report.fetch_duration = since(clock_, start);
  }
  report.bytes_read = marathon_.bytes_read() - bytes_before;
  if (!apps || report.verdict == AnswerVerdict::kRefused) {
    report.total_duration = since(clock_, start);
    return report;
  }
  SlotTable current = release_finished_drains(served, clock_.now());
  for (const auto& [spare, service] : published.took_spare) {
    rendered_.rename_section(spare, service);
    rename_slots(current, spare, service);
  }
  Fresh fresh{&published.fresh, &*apps, &published.problems};
  return apply_model(served, std::move(report), std::move(current), start,
                     config.discovery.enabled ? &fresh : nullptr);
}

SyncReport Synchronizer::sync_apps(const Config& config, const std::set<std::string>& app_ids) {
  if (!synced_ || rendered_.empty()) return sync(config);
  SyncReport report;
  report.scope = ReadScope::kApps;
  report.apps_read = app_ids;
  auto start = clock_.now();
  std::vector<App> apps = fetch_named(report);
  report.fetch_duration = since(clock_, start);
  if (!report.fetch_error) apply_part(config, apps, report);
  report.total_duration = since(clock_, start);
  return report;
}

// The apps of `report.apps_read` Marathon has (a 404 leaves an app out); sets the
// report's bytes read, and its fetch error when a read fails.
std::vector<App> Synchronizer::fetch_named(SyncReport& report) {
  std::uint64_t bytes_before = marathon_.bytes_read();
  std::vector<App> apps;
  for (const std::string& app_id : report.apps_read) {
    Result<std::optional<App>> app = marathon_.fetch_app(app_id);
    if (!app) {
      report.fetch_error = fmt::format("app {}: {}", app_id, app.error().message);
      break;
    }
    if (*app) apps.push_back(std::move(**app));
  }
  report.bytes_read = marathon_.bytes_read() - bytes_before;
  return apps;
}

// Models, places and renders the services of `report.apps_read` from `apps`, applies what
// changed, and keeps it when the apply did not fail (forgets the rendered parts when it
// did).
void Synchronizer::apply_part(const Config& config, const std::vector<App>& apps, SyncReport& report) {
  DiscoveryUpdate update;
  std::vector<Problem> problems;
  if (config.discovery.enabled) {
    update = update_discovered(effective_, apps, report.apps_read, problems);
    for (const auto& [spare, service] : update.took_spare) {
      rendered_.rename_section(spare, service);
      rename_slots(slots_, spare, service);
      std::erase_if(model_.services, [&](const ServiceBackends& backends) { return backends.service == spare; });
    }
  }
  const Config& served = served_config(config);
  report.model = build_partial_model(served, apps, report.apps_read, model_);
  add_problems(report.model, std::move(problems));
  SlotTable parts;
  std::set<std::string> services;
  SlotPolicy policy = slot_policy(config.haproxy);
  for (const ServiceBackends& backends : report.model.services) {
    parts.services.push_back(assign_service_slots(slots_.find(backends.service), backends, policy, clock_.now()));
    services.insert(backends.service);
  }
  RenderChanges changes = rendered_.render_services(served, report.model, parts);
  changes.layout |= rendered_.remove_services(update.removed).layout;
  // The routes are built again (all of them, for the shadowed ones) only when these apps' changed.
  std::optional<discovery::RoutesMap> routes;
  if (update.routes_changed) routes = routes_of(served);
  bool new_routes = routes && routes->routes != routes_;
  if (changes.layout || !changes.sections.empty() || new_routes) {
    std::optional<discovery::Routes> wanted;
    if (new_routes) wanted = routes->routes;
    report.apply = apply_rendered(served, changes, std::move(wanted), [&] { return runtime_.update(served, parts, &services); });
  }
  if (report.apply.status == ApplyStatus::kFailed) {
    rendered_.clear();
    return;
  }
  for (const std::string& name : update.removed) {
    std::erase_if(model_.services, [&](const ServiceBackends& backends) { return backends.service == name; });
    std::erase_if(slots_.services, [&](const ServiceSlots& slots) { return slots.service == name; });
  }
  commit_parts(report.model, report.apps_read, std::move(parts), report.apply.method == ApplyMethod::kReload);
  if (!routes) return;
  std::erase_if(model_.problems, [](const Problem& problem) { return problem.kind == ProblemKind::kRouteShadowed; });
  add_problems(model_, std::move(routes->shadowed));
}

SyncReport Synchronizer::finish_drains(const Config& config) {
  SyncReport report;
  auto start = clock_.now();
  if (!synced_ || count_draining(slots_) == 0) return report;
  SlotTable current = release_finished_drains(served_config(config), start);
  std::set<std::string> drained = services_drained(slots_, current);
  if (!drained.empty()) {
    const Config& served = served_config(config);
    report.apply = applier_.apply_servers(std::nullopt, [&] { return runtime_.update(served, current, &drained); });
    if (report.apply.status != ApplyStatus::kFailed) {
      slots_ = report.apply.method == ApplyMethod::kReload ? release_all_drains(std::move(current)) : std::move(current);
    } else {
      rendered_.clear();
    }
  }
  schedule_drain_check();
  report.total_duration = since(clock_, start);
  return report;
}

std::optional<TimePoint> Synchronizer::next_drain_check() const { return next_drain_check_; }

// Sets when finish_drains should next look: kDrainPoll from now while slots drain.
void Synchronizer::schedule_drain_check() {
  next_drain_check_.reset();
  if (count_draining(slots_) > 0) next_drain_check_ = clock_.now() + kDrainPoll;
}

// Renders `config` and applies it; with label discovery on (`fresh` set), a change that
// needs a reload anyway serves `fresh->config` instead: the services as a reload would
// have them (their own backend names, no retired backends, spares topped up).
SyncReport Synchronizer::apply_model(const Config& config, SyncReport report, SlotTable current, TimePoint start,
                                     const Fresh* fresh) {
  const Config* served = &config;
  SlotPolicy policy = slot_policy(config.haproxy);
  SlotTable next = assign_slots(current, report.model, policy, clock_.now());
  RenderChanges changes = rendered_.render_all(*served, report.model, next);
  if (fresh != nullptr && !runtime_suffices(changes)) {
    served = fresh->config;
    report.model = build_served_model(*served, *fresh->apps, *fresh->problems, model_);
    next = assign_slots(current, report.model, policy, clock_.now());
    changes = rendered_.render_all(*served, report.model, next);
  }
  report.apply = apply_rendered(*served, changes, routes_of(*served).routes, [&] { return runtime_.update(*served, next); });
  if (report.apply.status != ApplyStatus::kFailed) {
    bool reloaded = report.apply.method == ApplyMethod::kReload;
    slots_ = reloaded ? release_all_drains(std::move(next)) : std::move(next);
    model_ = report.model;
    if (fresh != nullptr) effective_ = *served;
    synced_ = true;
  } else {
    rendered_.clear();
  }
  schedule_drain_check();
  report.total_duration = since(clock_, start);
  return report;
}

// Applies the text rendered_ now holds: through the Runtime API first when only servers
// of known sections changed; otherwise through the applier's full path, which compares
// the whole text with the live file, checks it and reloads when the structure changed
// (and repairs HAProxy's servers through `step` when nothing did).
// With label discovery on, the routes map `routes` (nullopt: the one HAProxy serves, unchanged)
// is written first (HAProxy reads it when it reloads), and the routes that differ from
// those HAProxy serves follow `step` through the Runtime API; a change of routes alone
// goes only that way.
ApplyOutcome Synchronizer::apply_rendered(const Config& served, const RenderChanges& changes,
                                          std::optional<discovery::Routes> routes, const apply::RuntimeStep& step) {
  std::vector<std::string> commands;
  if (routes) commands = discovery::routes_commands(served.discovery.routes_map, routes_, *routes);
  if (served.discovery.enabled && routes && (!routes_written_ || !commands.empty())) {
    Status written = applier_.write_routes_map(discovery::routes_map_text(*routes));
    if (!written) return applier_.record_render_failure(written.error().message);
    routes_written_ = true;
  }
  apply::RuntimeStep both = [&]() -> Result<haproxy::RuntimeChange> {
    Result<haproxy::RuntimeChange> servers = step();
    if (!servers || commands.empty()) return servers;
    Result<haproxy::RuntimeChange> mapped = runtime_.send_all(served, commands);
    if (!mapped) return mapped.error();
    servers->commands += mapped->commands;
    return servers;
  };
  ApplyOutcome outcome;
  if (runtime_suffices(changes)) {
    std::optional<std::string> text;
    if (!changes.sections.empty()) text = rendered_.text();
    outcome = applier_.apply_servers(text, both);
  } else {
    outcome = applier_.apply(rendered_.text(), both);
  }
  if (outcome.status != ApplyStatus::kFailed && routes) routes_ = std::move(*routes);
  return outcome;
}

// True when `changes` (to the text rendered_ now holds) can reach HAProxy through its
// Runtime API: it was synced and only servers of known sections changed.
bool Synchronizer::runtime_suffices(const RenderChanges& changes) const {
  return synced_ && !changes.layout && servers_only(changes, rendered_);
}

// The routes of the shared HTTP frontend of `served`; none when label discovery is off.
discovery::RoutesMap Synchronizer::routes_of(const Config& served) const {
  return served.discovery.enabled ? discovery::build_routes(served) : discovery::RoutesMap{};
}

// Keeps what a targeted sync made live: `part` in the model, `parts` in the slots (every
// drain over after a reload).
void Synchronizer::commit_parts(const Model& part, const std::set<std::string>& app_ids, SlotTable parts,
                                bool reloaded) {
  merge_model(model_, part, app_ids);
  put_slots(slots_, std::move(parts));
  if (reloaded) slots_ = release_all_drains(std::move(slots_));
  schedule_drain_check();
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
