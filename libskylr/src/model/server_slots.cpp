// assign_slots and the drain bookkeeping: tasks stay in their slots, newcomers fill the
// lowest free slot, else a slot appended for them.
#include "skylr/server_slots.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace skylr {
namespace {

using TimePoint = std::chrono::steady_clock::time_point;

// Keeps every task of `wanted` in the slot it holds (erasing it from `wanted`); a slot
// whose task is gone starts draining at `now`, or is freed at once without draining.
void update_held(std::vector<Slot>& slots, std::map<std::string, const Server*>& wanted,
                 bool drain, TimePoint now) {
  for (Slot& slot : slots) {
    if (slot.use == SlotUse::kFree) continue;
    auto found = wanted.find(slot.server.name);
    if (found != wanted.end()) {
      slot = Slot{SlotUse::kLive, *found->second, {}};
      wanted.erase(found);
    } else if (slot.use == SlotUse::kLive) {
      slot = drain ? Slot{SlotUse::kDraining, std::move(slot.server), now} : Slot{};
    }
  }
}

// The slot a new task goes to: the lowest free one, else one appended (never a draining
// one: appending costs an `add server`, cutting a drain short costs requests).
std::size_t slot_for_newcomer(std::vector<Slot>& slots) {
  auto is_free = [](const Slot& slot) { return slot.use == SlotUse::kFree; };
  auto free = std::find_if(slots.begin(), slots.end(), is_free);
  if (free != slots.end()) return static_cast<std::size_t>(free - slots.begin());
  slots.emplace_back();
  return slots.size() - 1;
}

ServiceSlots assign_service(const ServiceSlots* previous, const ServiceBackends& backends,
                            const SlotPolicy& policy, TimePoint now) {
  if (previous == nullptr) return fresh_slots(backends, policy);
  ServiceSlots result{backends.service, previous->slots};
  std::map<std::string, const Server*> wanted;
  for (const Server& server : backends.servers) wanted.emplace(server.name, &server);
  update_held(result.slots, wanted, policy.drain, now);
  for (const auto& [name, server] : wanted) {
    result.slots[slot_for_newcomer(result.slots)] = Slot{SlotUse::kLive, *server, {}};
  }
  return result;
}

}  // namespace

const ServiceSlots* SlotTable::find(const std::string& service) const {
  // Tables made by assign_slots are in the model's order, which is by name: a binary
  // search finds their services (render and assign_slots look up every service, so a
  // linear search alone is quadratic). Other tables fall back to the linear search.
  std::size_t low = 0;
  std::size_t high = services.size();
  while (low < high) {
    std::size_t middle = low + (high - low) / 2;
    int order = services[middle].service.compare(service);
    if (order == 0) return &services[middle];
    if (order < 0) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  auto found = std::find_if(services.begin(), services.end(),
                            [&](const ServiceSlots& slots) { return slots.service == service; });
  return found == services.end() ? nullptr : &*found;
}

SlotPolicy slot_policy(const HaproxyConfig& haproxy) {
  return SlotPolicy{haproxy.server_slots_min, haproxy.drain_seconds > 0};
}

std::string slot_name(std::size_t index) { return fmt::format("slot-{}", index + 1); }

ServiceSlots assign_service_slots(const ServiceSlots* previous, const ServiceBackends& backends,
                                  const SlotPolicy& policy, TimePoint now) {
  return assign_service(previous, backends, policy, now);
}

SlotTable assign_slots(const SlotTable& previous, const Model& model, const SlotPolicy& policy,
                       TimePoint now) {
  SlotTable table;
  for (const ServiceBackends& backends : model.services) {
    table.services.push_back(assign_service(previous.find(backends.service), backends, policy, now));
  }
  return table;
}

std::size_t fresh_slot_count(std::size_t servers, const SlotPolicy& policy) {
  return std::max(static_cast<std::size_t>(std::max(policy.min_slots, 0)), servers);
}

ServiceSlots fresh_slots(const ServiceBackends& backends, const SlotPolicy& policy) {
  ServiceSlots result{backends.service, {}};
  std::vector<const Server*> servers = fresh_slot_servers(backends, policy);
  result.slots.reserve(servers.size());
  for (const Server* server : servers) {
    result.slots.push_back(server != nullptr ? Slot{SlotUse::kLive, *server, {}} : Slot{});
  }
  return result;
}

std::vector<const Server*> fresh_slot_servers(const ServiceBackends& backends, const SlotPolicy& policy) {
  std::vector<const Server*> servers;
  servers.reserve(fresh_slot_count(backends.servers.size(), policy));
  for (const Server& server : backends.servers) servers.push_back(&server);
  // build_model sorts servers by name and keeps one per name; other models are put so.
  auto by_name = [](const Server* a, const Server* b) { return a->name < b->name; };
  if (!std::is_sorted(servers.begin(), servers.end(), by_name)) {
    std::stable_sort(servers.begin(), servers.end(), by_name);
  }
  auto same_name = [](const Server* a, const Server* b) { return a->name == b->name; };
  servers.erase(std::unique(servers.begin(), servers.end(), same_name), servers.end());
  servers.resize(fresh_slot_count(backends.servers.size(), policy), nullptr);
  return servers;
}

SlotTable release_drains(
    SlotTable table,
    const std::function<bool(const std::string&, std::size_t, const Slot&)>& finished) {
  for (ServiceSlots& service : table.services) {
    for (std::size_t i = 0; i < service.slots.size(); ++i) {
      Slot& slot = service.slots[i];
      if (slot.use == SlotUse::kDraining && finished(service.service, i, slot)) slot = Slot{};
    }
  }
  return table;
}

SlotTable release_all_drains(SlotTable table) {
  return release_drains(std::move(table), [](const auto&, std::size_t, const Slot&) { return true; });
}

std::size_t count_draining(const SlotTable& table) {
  std::size_t count = 0;
  for (const ServiceSlots& service : table.services) count += count_draining(service);
  return count;
}

std::size_t count_draining(const ServiceSlots& service) {
  return static_cast<std::size_t>(std::count_if(service.slots.begin(), service.slots.end(),
                                                [](const Slot& slot) { return slot.use == SlotUse::kDraining; }));
}

}  // namespace skylr
