// The Runtime API plan: how to bring HAProxy's running servers to what a slot table says
// without a reload. The wanted state of every slot's server (ready at an address,
// draining, in maintenance) is compared with what HAProxy reports (`show servers
// state`); the difference is a list of admin socket commands (`set server … addr`,
// `set server … state`, `enable health`, and for the slots HAProxy lacks `add server` and
// `enable server`). Planning from HAProxy's own report rather than from the previous table
// repairs whatever happened behind Skylr's back (a restart, an operator's command). The
// same comparison checks the read-back after the commands. Pure; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "skylr/config.h"
#include "skylr/result.h"
#include "skylr/server_slots.h"

namespace skylr::haproxy {

// HAProxy's administrative state bits, as `show servers state` prints them (srv_admin).
inline constexpr int kAdminForcedMaint = 0x01;
inline constexpr int kAdminForcedDrain = 0x08;
inline constexpr int kAdminMaint = 0x23;  // any maintenance: forced, inherited, DNS failure
inline constexpr int kAdminDrain = 0x18;  // any drain: forced or inherited

// One server as HAProxy reports it.
struct ServerState {
  std::string backend;
  std::string server;
  std::string address;  // as HAProxy prints it (IPv6 without brackets)
  int port = 0;
  int admin_state = 0;  // kAdmin* bits
};

// What a server should be.
enum class ServerWant { kReady, kDrain, kMaint };

// One server of one backend as the slot table wants it.
struct WantedServer {
  std::string backend;
  std::string server;
  ServerWant want = ServerWant::kMaint;
  std::string address;  // an IP address; meaningful when ready
  int port = 0;
  bool checks = false;  // it runs health checks
  std::string check_keywords;  // what follows "check" on its line (BackendRole::check_keywords)
};

// Returns the IP address to use for a host name, or nullopt when it does not resolve.
using HostResolver = std::function<std::optional<std::string>(const std::string& host)>;

// The wanted state of every server of `config`'s services' backends, slot by slot; only
// of the services named in `only` when it is not null (a service missing from `config` or
// `slots` is skipped). A live slot whose host is a name is wanted at the address `resolve`
// gives; when it gives none, the slot is wanted in maintenance and a warning naming the
// host is added to `warnings`.
std::vector<WantedServer> wanted_servers(const Config& config, const SlotTable& slots,
                                         const HostResolver& resolve,
                                         std::vector<std::string>& warnings,
                                         const std::set<std::string>* only = nullptr);

// The commands that take `actual` to `wanted`: every address change first, then the
// `enable health` and state changes in server order, so that no server is made ready at an
// old address. Empty when nothing differs. A wanted server HAProxy lacks (a slot appended
// since the file HAProxy loaded) is added among the address changes, `add server
// <backend>/<slot> <ip>:<port>` (parked at 0.0.0.0:0 unless wanted ready; ` check` when it
// checks), and, since an added server starts in maintenance, among the state changes
// `enable health` when it checks and `enable server` when it is wanted ready.
std::vector<std::string> plan_runtime_commands(const std::vector<WantedServer>& wanted,
                                               const std::vector<ServerState>& actual);

// Succeeds when `actual` shows every wanted server as wanted: ready ones at their address
// and neither in maintenance nor draining, draining ones draining or already in
// maintenance, the others in maintenance. Fails listing every server that differs, one
// per line, e.g. "web_http/slot-2: wanted ready at 10.0.0.2:31000, HAProxy has it at
// 0.0.0.0:0 in maintenance".
Status compare_server_states(const std::vector<WantedServer>& wanted,
                             const std::vector<ServerState>& actual);

}  // namespace skylr::haproxy
