// Backends: the HAProxy backends a service is published through and the text of a
// server address. The renderer writes them; the Runtime API plan and updater address
// servers by them, so both must agree. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "skylr/config.h"

namespace skylr::model {

// One HAProxy backend of a service: its name, whether it is the WebSocket backend,
// whether its servers run health checks, and the backend whose servers' states its
// servers follow ("track"; empty: their own).
struct BackendRole {
  std::string name;
  bool websocket = false;
  bool checks = false;
  std::string tracks;
};

// The backends of `service`, in the order they are rendered: "<name>_tcp" for TCP;
// "<name>_http" and "<name>_ws" (tracking "<name>_http" when there are checks) for HTTP.
std::vector<BackendRole> backend_roles(const ServiceConfig& service);

// "address:port", with an IPv6 address in brackets; "*" stays "*".
std::string host_port(std::string_view address, int port);

// "address:port" appended to `out`, with an IPv6 address in brackets.
void append_host_port(std::string_view address, int port, std::string& out);

}  // namespace skylr::model
