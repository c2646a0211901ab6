// Server slots: which task each server line of a service's backend stands for. Every
// backend is rendered with servers named "slot-1" … "slot-N": at first one per task (at
// least haproxy.server_slots_min), then one more whenever a new task finds no free slot.
// A task keeps its slot while it lives, so that a change of membership is a change of a
// few slots' addresses and states, and a new slot one more server, which HAProxy's Runtime
// API makes without a reload (`add server` for the new slots). A removed task's slot drains
// before it is free again. Slots never shrink. Pure; thread-compatible.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "skylr/config.h"
#include "skylr/model.h"

namespace skylr {

// What a slot holds.
enum class SlotUse { kFree, kLive, kDraining };

// One slot: free, or the server of a live task, or of a removed task whose connections
// are finishing.
struct Slot {
  SlotUse use = SlotUse::kFree;
  Server server;  // empty when free
  std::chrono::steady_clock::time_point draining_since{};  // meaningful when draining
};

// The slots of one service: slots[i] is the HAProxy server slot_name(i) of its backend.
struct ServiceSlots {
  std::string service;
  std::vector<Slot> slots;
};

// The slots of every service of a model, in the model's order.
struct SlotTable {
  std::vector<ServiceSlots> services;

  // The slots of `service`, or nullptr when the table has none.
  const ServiceSlots* find(const std::string& service) const;
};

// How slots are sized and freed.
struct SlotPolicy {
  int min_slots = 0;   // slots per service at least (≥ 0)
  bool drain = true;   // false: a removed task's slot is free at once
};

// The policy of a configuration's haproxy section.
SlotPolicy slot_policy(const HaproxyConfig& haproxy);

// The HAProxy server name of slot `index`: "slot-<index + 1>".
std::string slot_name(std::size_t index);

// The slots for `model`, starting from `previous`. A task already in a slot (by server
// name) stays there, with its current address; a task no longer in the model leaves a
// draining slot (since `now`), or a free one without draining; a new task takes the
// lowest free slot, else one slot appended for it (a draining slot is never taken: its
// drain is not cut short). Slots are never removed. A service without previous slots gets
// fresh_slots, so a fresh assignment depends on the model alone.
SlotTable assign_slots(const SlotTable& previous, const Model& model, const SlotPolicy& policy,
                       std::chrono::steady_clock::time_point now);

// The slots of one service for `backends`, starting from its `previous` slots (nullptr:
// none), placed as assign_slots places them.
ServiceSlots assign_service_slots(const ServiceSlots* previous, const ServiceBackends& backends,
                                  const SlotPolicy& policy, std::chrono::steady_clock::time_point now);

// How many slots a service without previous slots gets for `servers` servers:
// max(`policy.min_slots`, `servers`).
std::size_t fresh_slot_count(std::size_t servers, const SlotPolicy& policy);

// The slots assign_slots gives a service that had none: fresh_slot_count of them, filled
// in server-name order.
ServiceSlots fresh_slots(const ServiceBackends& backends, const SlotPolicy& policy);

// The server of each of the slots fresh_slots gives, pointing into `backends.servers`
// (nullptr: a free slot), without copying them.
std::vector<const Server*> fresh_slot_servers(const ServiceBackends& backends, const SlotPolicy& policy);

// `table` with every draining slot for which `finished(service, index, slot)` is true
// made free.
SlotTable release_drains(
    SlotTable table,
    const std::function<bool(const std::string&, std::size_t, const Slot&)>& finished);

// `table` with every draining slot made free (after a reload, the old HAProxy process
// finishes their connections).
SlotTable release_all_drains(SlotTable table);

// How many slots of `table` are draining.
std::size_t count_draining(const SlotTable& table);

// How many slots of `service` are draining.
std::size_t count_draining(const ServiceSlots& service);

}  // namespace skylr
