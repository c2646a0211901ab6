// Backends: the HAProxy backend a service is published through and the text of a server
// address. The renderer writes them; the Runtime API plan and updater address servers by
// them, so both must agree. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "skylr/config.h"

namespace skylr::model {

// The HAProxy backend of a service: its name and whether its servers run health checks.
struct BackendRole {
  std::string name;
  bool checks = false;
  std::string check_keywords;  // after "check" on each server line: " inter <n>s fall <n>" or empty
};

// The one backend of `service`: "<name>_tcp" for TCP, "<name>_http" for HTTP (which also
// carries WebSocket upgrades: HTTP mode handles the Upgrade, `timeout tunnel` the tunnel);
// its backend_name when set (a spare backend it took over).
BackendRole backend_role(const ServiceConfig& service);

// "address:port", with an IPv6 address in brackets; "*" stays "*".
std::string host_port(std::string_view address, int port);

// "address:port" appended to `out`, with an IPv6 address in brackets.
void append_host_port(std::string_view address, int port, std::string& out);

}  // namespace skylr::model
