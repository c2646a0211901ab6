// The plainest HAProxy configuration that routes the same services: per service one
// frontend (bind, mode, default_backend) and one backend with a server line per running
// task, under the global and defaults sections of Skylr's own. What Skylr's rendering
// (server slots, WebSocket backends, options) is compared with. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace skylr::bench {

// One service of a plain configuration.
struct PlainService {
  std::string frontend;              // proxy names, e.g. "grp_web" and "grp_web_http"
  std::string backend;
  std::string bind;                  // "127.0.0.1:8000"
  std::string mode;                  // "http" or "tcp"
  std::vector<std::string> servers;  // "host:port" of each task
};

// Everything of the HAProxy configuration `config` before its first proxy section
// (frontend, backend, listen, or the "# service" comment above one): global and defaults.
std::string config_head(std::string_view config);

// `head`, then for each service its frontend and its backend (balance roundrobin, servers
// named t1, t2, …).
std::string plain_config(std::string_view head, const std::vector<PlainService>& services);

}  // namespace skylr::bench
