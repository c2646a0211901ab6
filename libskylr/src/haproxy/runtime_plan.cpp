// wanted_servers, plan_runtime_commands and compare_server_states: slot tables turned into
// per-server wishes, and those wishes held against `show servers state`.
#include "haproxy/runtime_plan.h"

#include <fmt/format.h>

#include <map>
#include <utility>

#include "model/backends.h"
#include "util/ip_address.h"

namespace skylr::haproxy {

using model::BackendRole;
using model::backend_role;
using model::host_port;
using util::canonical_ip;
namespace {

using StatesByServer = std::map<std::pair<std::string, std::string>, const ServerState*>;

StatesByServer index_states(const std::vector<ServerState>& actual) {
  StatesByServer index;
  for (const ServerState& state : actual) index[{state.backend, state.server}] = &state;
  return index;
}

// The wish for slot `index` of one backend; `address` is the resolved IP ("" when the
// host did not resolve).
WantedServer wanted_slot(const BackendRole& backend, std::size_t index, const Slot& slot,
                         const std::string& address) {
  WantedServer wanted{backend.name, slot_name(index), ServerWant::kMaint, "", 0, backend.checks, backend.check_keywords};
  if (slot.use == SlotUse::kDraining) wanted.want = ServerWant::kDrain;
  if (slot.use == SlotUse::kLive && !address.empty()) {
    wanted.want = ServerWant::kReady;
    wanted.address = address;
    wanted.port = slot.server.port;
  }
  return wanted;
}

// The IP address of a live slot's host ("" for other slots and unresolved names).
std::string slot_address(const std::string& backend, std::size_t index, const Slot& slot,
                         const HostResolver& resolve, std::vector<std::string>& warnings) {
  if (slot.use != SlotUse::kLive) return "";
  const std::string& host = slot.server.address;
  if (!canonical_ip(host).empty()) return host;
  std::optional<std::string> ip = resolve(host);
  if (ip && !canonical_ip(*ip).empty()) return *ip;
  warnings.push_back(fmt::format("{}/{}: host {} does not resolve; the slot stays in maintenance",
                                 backend, slot_name(index), host));
  return "";
}

bool same_address(const WantedServer& wanted, const ServerState& state) {
  return canonical_ip(wanted.address) == canonical_ip(state.address) && wanted.port == state.port;
}

// "ready", "draining" or "in maintenance", from HAProxy's admin state bits.
std::string_view describe_admin(int admin_state) {
  if ((admin_state & kAdminMaint) != 0) return "in maintenance";
  if ((admin_state & kAdminDrain) != 0) return "draining";
  return "ready";
}

// The commands for one server that HAProxy has: its address change to `addresses`, its
// health and state changes to `commands`.
void plan_server(const WantedServer& wanted, const ServerState& state,
                 std::vector<std::string>& addresses, std::vector<std::string>& commands) {
  std::string target = wanted.backend + "/" + wanted.server;
  int admin = state.admin_state;
  switch (wanted.want) {
    case ServerWant::kReady:
      if (!same_address(wanted, state)) {
        addresses.push_back(
            fmt::format("set server {} addr {} port {}", target, wanted.address, wanted.port));
      }
      if ((admin & (kAdminForcedMaint | kAdminForcedDrain)) != 0) {
        if (wanted.checks) commands.push_back("enable health " + target);
        commands.push_back(fmt::format("set server {} state ready", target));
      }
      break;
    case ServerWant::kDrain:
      if ((admin & (kAdminMaint | kAdminForcedDrain)) == 0) {
        commands.push_back(fmt::format("set server {} state drain", target));
      }
      break;
    case ServerWant::kMaint:
      if ((admin & kAdminMaint) == 0) {
        commands.push_back(fmt::format("set server {} state maint", target));
      }
      break;
  }
}

// The commands that add a server HAProxy lacks (see plan_runtime_commands): `add server`
// to `addresses`, `enable health` and `enable server` to `commands`.
void plan_added_server(const WantedServer& wanted, std::vector<std::string>& addresses,
                       std::vector<std::string>& commands) {
  std::string target = wanted.backend + "/" + wanted.server;
  bool ready = wanted.want == ServerWant::kReady;
  addresses.push_back(fmt::format("add server {} {}{}{}", target,
                                  ready ? host_port(wanted.address, wanted.port) : "0.0.0.0:0",
                                  wanted.checks ? " check" : "", wanted.checks ? wanted.check_keywords : ""));
  if (wanted.checks) commands.push_back(fmt::format("enable health {}", target));
  if (ready) commands.push_back(fmt::format("enable server {}", target));
}

// True when `state` is as `wanted` says (see compare_server_states).
bool matches(const WantedServer& wanted, const ServerState& state) {
  switch (wanted.want) {
    case ServerWant::kReady:
      return same_address(wanted, state) && (state.admin_state & (kAdminMaint | kAdminDrain)) == 0;
    case ServerWant::kDrain:
      return (state.admin_state & (kAdminMaint | kAdminDrain)) != 0;
    case ServerWant::kMaint:
      return (state.admin_state & kAdminMaint) != 0;
  }
  return false;
}

std::string describe_wish(const WantedServer& wanted) {
  switch (wanted.want) {
    case ServerWant::kReady:
      return fmt::format("ready at {}", host_port(wanted.address, wanted.port));
    case ServerWant::kDrain:
      return "draining";
    case ServerWant::kMaint:
      return "in maintenance";
  }
  return "";
}

}  // namespace

std::vector<WantedServer> wanted_servers(const Config& config, const SlotTable& slots,
                                         const HostResolver& resolve,
                                         std::vector<std::string>& warnings,
                                         const std::set<std::string>* only) {
  std::vector<WantedServer> wanted;
  auto add_service = [&](const std::string& name, const ServiceConfig& service) {
    const ServiceSlots* service_slots = slots.find(name);
    if (service_slots == nullptr) return;
    BackendRole backend = backend_role(service);
    for (std::size_t i = 0; i < service_slots->slots.size(); ++i) {
      const Slot& slot = service_slots->slots[i];
      std::string address = slot_address(backend.name, i, slot, resolve, warnings);
      wanted.push_back(wanted_slot(backend, i, slot, address));
    }
  };
  if (only == nullptr) {
    for (const auto& [name, service] : config.services) add_service(name, service);
    return wanted;
  }
  for (const std::string& name : *only) {
    auto service = config.services.find(name);
    if (service != config.services.end()) add_service(name, service->second);
  }
  return wanted;
}

std::vector<std::string> plan_runtime_commands(const std::vector<WantedServer>& wanted,
                                               const std::vector<ServerState>& actual) {
  StatesByServer states = index_states(actual);
  std::vector<std::string> addresses;
  std::vector<std::string> commands;
  for (const WantedServer& server : wanted) {
    auto found = states.find({server.backend, server.server});
    if (found == states.end()) {
      plan_added_server(server, addresses, commands);
    } else {
      plan_server(server, *found->second, addresses, commands);
    }
  }
  addresses.insert(addresses.end(), commands.begin(), commands.end());
  return addresses;
}

Status compare_server_states(const std::vector<WantedServer>& wanted,
                             const std::vector<ServerState>& actual) {
  StatesByServer states = index_states(actual);
  std::string differences;
  for (const WantedServer& server : wanted) {
    auto found = states.find({server.backend, server.server});
    std::string target = server.backend + "/" + server.server;
    if (found == states.end()) {
      differences += fmt::format("{}: HAProxy has no such server\n", target);
    } else if (!matches(server, *found->second)) {
      const ServerState& state = *found->second;
      differences += fmt::format("{}: wanted {}, HAProxy has it at {} {}\n", target,
                                 describe_wish(server), host_port(state.address, state.port),
                                 describe_admin(state.admin_state));
    }
  }
  if (differences.empty()) return {};
  differences.pop_back();
  return Error{differences};
}

}  // namespace skylr::haproxy
