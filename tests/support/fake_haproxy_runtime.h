// FakeHaproxyRuntime: a ControlSocket that plays HAProxy's admin socket for the servers of
// a rendered configuration. load() reads the backends and server lines of a config text
// (as a start or reload does); then `show servers state [<backend>]`, `show stat`,
// `set server … addr|state`, `enable health`, `enable server` and `add server` behave like
// HAProxy 2.6's: forced maintenance and drain per server, added servers start in
// maintenance. Sessions are set by hand.
// Every command is recorded; refuse() makes one command answer with an error text.
// Thread-compatible.
#pragma once

#include <fmt/format.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "skylr/control_socket.h"

namespace skylr::testing {

class FakeHaproxyRuntime final : public ControlSocket {
 public:
  // One server as the fake keeps it.
  struct Server {
    std::string address;
    int port = 0;
    int forced = 0;        // 0x01 maintenance, 0x08 drain
    int config_maint = 0;  // 0x04 when the config says disabled
    int sessions = 0;
  };

  // Replaces every server with those of `config` (a rendered HAProxy configuration).
  void load(const std::string& config) {
    servers_.clear();
    backends_.clear();
    std::istringstream lines(config);
    std::string backend;
    for (std::string line; std::getline(lines, line);) {
      std::istringstream words(line);
      std::string first;
      words >> first;
      if (first == "backend" || first == "listen") {
        words >> backend;
        backends_.insert(backend);
      }
      if (first == "server") add_server(backend, words);
    }
  }

  // Makes `command` answer `answer` from now on (an error text, as HAProxy does).
  void refuse(const std::string& command, const std::string& answer) { refusals_[command] = answer; }

  // The server `key` ("backend/server"); it must exist.
  Server& server(const std::string& key) { return servers_.at(key); }

  // Its administrative state as `show servers state` prints it.
  int admin_state(const std::string& key) const {
    const Server& server = servers_.at(key);
    return server.forced | server.config_maint;
  }

  // The commands received so far (show commands included), and a filter without them.
  const std::vector<std::string>& commands() const { return commands_; }
  std::vector<std::string> changes() const {
    std::vector<std::string> out;
    for (const std::string& command : commands_) {
      if (!command.starts_with("show ")) out.push_back(command);
    }
    return out;
  }
  void clear_commands() { commands_.clear(); }

  Result<std::string> command(const std::string&, const std::string& command) override {
    commands_.push_back(command);
    if (auto refused = refusals_.find(command); refused != refusals_.end()) return refused->second;
    if (command == "show servers state") return show_servers_state("");
    if (command.starts_with("show servers state ")) return show_servers_state(command.substr(19));
    if (command == "show stat") return show_stat();
    std::istringstream words(command);
    std::string verb, object, key, what, value;
    words >> verb >> object >> key;
    if (verb == "add" && object == "server") return add(key, words);
    if (object != "health" && object != "server") return std::string("Unknown command.\n");
    auto found = servers_.find(key);
    if (found == servers_.end()) return std::string("No such server.\n");
    if (verb == "enable") {
      if (object == "server") found->second.forced &= ~0x01;
      return std::string("\n");
    }
    if (verb != "set") return std::string("Unknown command.\n");
    words >> what >> value;
    return set(found->second, what, value, words);
  }

 private:
  // A server line of the config: "<name> <address>:<port> [keywords]".
  void add_server(const std::string& backend, std::istringstream& words) {
    std::string name, word;
    words >> name;
    Server server = parse_address(words);
    while (words >> word) {
      if (word == "disabled") {
        server.config_maint = 0x04;
        server.forced = 0x01;
      }
    }
    servers_[backend + "/" + name] = server;
  }

  // `add server <key> <address>:<port> [check]`: in maintenance, as HAProxy starts it.
  std::string add(const std::string& key, std::istringstream& words) {
    if (!backends_.contains(key.substr(0, key.find('/')))) return "No such backend.\n";
    if (servers_.contains(key)) return "Already exists a server with the same name in backend.\n";
    Server server = parse_address(words);
    server.forced = 0x01;
    servers_[key] = server;
    return "New server registered.\n\n";
  }

  // A Server at the next word of `words`, "<address>:<port>" (IPv6 in brackets).
  static Server parse_address(std::istringstream& words) {
    std::string address_port;
    words >> address_port;
    Server server;
    std::size_t colon = address_port.rfind(':');
    server.address = address_port.substr(0, colon);
    if (server.address.starts_with('[')) server.address = server.address.substr(1, server.address.size() - 2);
    server.port = std::stoi(address_port.substr(colon + 1));
    return server;
  }

  std::string set(Server& server, const std::string& what, const std::string& value,
                  std::istringstream& rest) {
    if (what == "addr") {
      std::string port_keyword;
      int port = 0;
      rest >> port_keyword >> port;
      server.address = value;
      server.port = port;
      return "IP changed by 'stats socket command'\n";
    }
    if (what != "state") return "unknown\n";
    if (value == "ready") server.forced = 0;
    if (value == "drain") server.forced = 0x08;
    if (value == "maint") server.forced = 0x01;
    return "\n";
  }

  // The servers of `backend`, or of all backends when it is empty.
  std::string show_servers_state(const std::string& backend) const {
    if (!backend.empty() && !backends_.contains(backend)) return "Can't find backend.\n";
    std::string text = "1\n# be_id be_name srv_id srv_name srv_addr srv_admin_state srv_port\n";
    for (const auto& [key, server] : servers_) {
      std::size_t slash = key.find('/');
      if (!backend.empty() && key.substr(0, slash) != backend) continue;
      text += fmt::format("1 {} 1 {} {} {} {}\n", key.substr(0, slash), key.substr(slash + 1),
                          server.address, admin_state(key), server.port);
    }
    return text;
  }

  std::string show_stat() const {
    std::string text = "# pxname,svname,scur\n";
    for (const auto& [key, server] : servers_) {
      std::size_t slash = key.find('/');
      text += fmt::format("{},{},{}\n", key.substr(0, slash), key.substr(slash + 1), server.sessions);
    }
    return text;
  }

  std::map<std::string, Server> servers_;
  std::set<std::string> backends_;
  std::map<std::string, std::string> refusals_;
  std::vector<std::string> commands_;
};

}  // namespace skylr::testing
