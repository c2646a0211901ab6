// RuntimeUpdater: makes HAProxy's running servers match a slot table through the Runtime
// API on its admin socket (reload.admin_socket), without a reload. It reads `show servers
// state` (of every backend, or of the few it is asked about), sends the commands of
// plan_runtime_commands one at a time (each answer is checked; slots HAProxy lacks are
// added), then reads the state back the same way and compares it with the wish. It also
// reads how many sessions each slot still has, so that draining slots can be freed once
// idle.
// Thread-compatible: the caller serialises calls.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "haproxy/control.h"
#include "haproxy/runtime_plan.h"
#include "skylr/config.h"
#include "skylr/control_socket.h"
#include "skylr/result.h"
#include "skylr/server_slots.h"

namespace skylr::haproxy {

// Sessions per slot: sessions[service][slot index], as the service's backend counts them.
using SlotSessions = std::map<std::string, std::map<std::size_t, int>>;

// What a runtime step did: the Runtime API commands it sent and its warnings.
struct RuntimeChange {
  int commands = 0;
  ControlWarnings warnings;
};

class RuntimeUpdater {
 public:
  // `socket` must outlive the updater; `resolve` turns task host names into addresses
  // (default: the first address default_resolver() gives).
  explicit RuntimeUpdater(ControlSocket& socket, HostResolver resolve = {});

  // Services in update()'s `only` up to which HAProxy's state is read backend by backend;
  // for more, one read of the whole table is cheaper.
  static constexpr std::size_t kMaxTargetedServices = 64;

  // Brings HAProxy's servers to `slots` (see the file comment): the servers of every
  // service of `config`, or, when `only` is not null, only those of the services it names
  // (e.g. the ones a sync changed; the others are neither read nor touched). With `only`
  // naming at most kMaxTargetedServices services, HAProxy's state is read per backend
  // (`show servers state <backend>`), before the commands and after; otherwise the whole
  // table is read once each time. Returns how many commands it sent and its warnings
  // (hosts that do not resolve). Fails naming what went wrong: the admin socket cannot be
  // reached or answers garbage (e.g. "Can't find backend."), HAProxy refuses a command (its
  // answer is quoted; e.g. an `add server`), or reads back differently.
  Result<RuntimeChange> update(const Config& config, const SlotTable& slots,
                               const std::set<std::string>* only = nullptr);

  // Sends `commands` (e.g. the routes map's, render/routes_map.h) one at a time on
  // `config`'s admin socket, each answer checked; fails at the first HAProxy refuses.
  Result<RuntimeChange> send_all(const Config& config, const std::vector<std::string>& commands);

  // The sessions every slot of `config`'s services has now (`show stat`); slots HAProxy
  // does not list are absent. Fails when the answer cannot be read.
  Result<SlotSessions> slot_sessions(const Config& config);

 private:
  // The state of the servers of `backends`, read backend by backend, or of every server
  // when `backends` is nullopt.
  Result<std::vector<ServerState>> read_states(const std::string& admin_socket,
                                               const std::optional<std::vector<std::string>>& backends);
  Status send(const std::string& admin_socket, const std::string& command);

  ControlSocket& socket_;
  HostResolver resolve_;
};

}  // namespace skylr::haproxy
