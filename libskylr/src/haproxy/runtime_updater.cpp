// RuntimeUpdater over a ControlSocket: read, plan, send, read back, compare.
#include "haproxy/runtime_updater.h"

#include <fmt/format.h>

#include <charconv>
#include <iterator>

#include "haproxy/servers_state.h"
#include "haproxy/text.h"
#include "model/backends.h"
#include "skylr/resolver.h"

namespace skylr::haproxy {

using model::backend_role;
namespace {

// True when `answer` is HAProxy's success answer to `command`: nothing, except for an
// added server, which is registered, an address change, which says what it changed (or
// that nothing needed changing), and the certificate commands, each with its own answer.
bool accepted(const std::string& command, std::string_view answer) {
  std::string text = haproxy_messages(answer);
  if (command.starts_with("add server ")) return text == "New server registered.";
  if (command.starts_with("set ssl cert ")) return text.starts_with("Transaction ");
  if (command.starts_with("new ssl cert ")) return text.starts_with("New empty certificate store");
  if (command.starts_with("commit ssl cert ") || command.starts_with("add ssl crt-list ")) {
    return text.find("Success!") != std::string::npos;
  }
  if (command.starts_with("del ssl crt-list ") || command.starts_with("del ssl cert ")) {
    return text.find("' deleted") != std::string::npos;  // not "... in use, can't be deleted!"
  }
  if (command.find(" addr ") == std::string::npos) return text.empty();
  return text.starts_with("IP changed") || text.starts_with("no need to change");
}

// The index of slot `server` ("slot-<n>"), or nullopt for another name.
std::optional<std::size_t> slot_index(std::string_view server) {
  if (!server.starts_with("slot-")) return std::nullopt;
  server.remove_prefix(5);
  std::size_t number = 0;
  auto [end, error] = std::from_chars(server.data(), server.data() + server.size(), number);
  if (error != std::errc() || end != server.data() + server.size() || number == 0) return std::nullopt;
  return number - 1;
}

// The backends `wanted` names, each once, in its order (a service's slots are together).
std::vector<std::string> backends_of(const std::vector<WantedServer>& wanted) {
  std::vector<std::string> backends;
  for (const WantedServer& server : wanted) {
    if (backends.empty() || backends.back() != server.backend) backends.push_back(server.backend);
  }
  return backends;
}

}  // namespace

RuntimeUpdater::RuntimeUpdater(ControlSocket& socket, HostResolver resolve)
    : socket_(socket), resolve_(std::move(resolve)) {
  if (resolve_) return;
  resolve_ = [](const std::string& host) -> std::optional<std::string> {
    std::vector<std::string> addresses = default_resolver().resolve(host);
    if (addresses.empty()) return std::nullopt;
    return addresses.front();
  };
}

Result<RuntimeChange> RuntimeUpdater::update(const Config& config, const SlotTable& slots,
                                             const std::set<std::string>* only) {
  const std::string& admin_socket = config.reload.admin_socket;
  RuntimeChange change;
  std::vector<WantedServer> wanted = wanted_servers(config, slots, resolve_, change.warnings, only);
  std::optional<std::vector<std::string>> backends;
  if (only != nullptr && only->size() <= kMaxTargetedServices) backends = backends_of(wanted);
  Result<std::vector<ServerState>> before = read_states(admin_socket, backends);
  if (!before) return before.error();
  for (const std::string& command : plan_runtime_commands(wanted, *before)) {
    Status sent = send(admin_socket, command);
    if (!sent) return sent.error();
    ++change.commands;
  }
  if (change.commands == 0) return change;
  Result<std::vector<ServerState>> after = read_states(admin_socket, backends);
  if (!after) return after.error();
  Status same = compare_server_states(wanted, *after);
  if (!same) return Error{"HAProxy's servers differ from the wish after the update:\n" + same.error().message};
  return change;
}

Result<SlotSessions> RuntimeUpdater::slot_sessions(const Config& config) {
  Result<std::string> answer = socket_.command(config.reload.admin_socket, "show stat");
  if (!answer) return answer.error();
  Result<std::map<std::string, int>> sessions = parse_stat_sessions(*answer);
  if (!sessions) return sessions.error();
  SlotSessions by_slot;
  for (const auto& [name, service] : config.services) {
    std::string prefix = backend_role(service).name + "/";
    for (auto it = sessions->lower_bound(prefix); it != sessions->end() && it->first.starts_with(prefix); ++it) {
      auto index = slot_index(std::string_view(it->first).substr(prefix.size()));
      if (index) by_slot[name][*index] = it->second;
    }
  }
  return by_slot;
}

Result<std::vector<ServerState>> RuntimeUpdater::read_states(
    const std::string& admin_socket, const std::optional<std::vector<std::string>>& backends) {
  std::vector<std::string> commands;
  if (backends) {
    for (const std::string& backend : *backends) {
      commands.push_back(fmt::format("show servers state {}", backend));
    }
  } else {
    commands.emplace_back("show servers state");
  }
  std::vector<ServerState> states;
  for (const std::string& command : commands) {
    Result<std::string> answer = socket_.command(admin_socket, command);
    if (!answer) return answer.error();
    Result<std::vector<ServerState>> servers = parse_servers_state(*answer);
    if (!servers) return servers.error();
    states.insert(states.end(), std::make_move_iterator(servers->begin()),
                  std::make_move_iterator(servers->end()));
  }
  return states;
}

Result<RuntimeChange> RuntimeUpdater::send_all(const Config& config, const std::vector<std::string>& commands) {
  RuntimeChange change;
  for (const std::string& command : commands) {
    if (Status sent = send(config.reload.admin_socket, command); !sent) return sent.error();
    ++change.commands;
  }
  return change;
}

Status RuntimeUpdater::send(const std::string& admin_socket, const std::string& command) {
  Result<std::string> answer = socket_.command(admin_socket, command);
  if (!answer) return answer.error();
  if (!accepted(command, *answer)) {
    // Only the command's first line: a payload (a certificate's key) never reaches a log.
    std::string_view shown = std::string_view(command).substr(0, command.find('\n'));
    return Error{fmt::format("HAProxy refused `{}`: {}", shown, haproxy_messages(*answer))};
  }
  return {};
}

}  // namespace skylr::haproxy
