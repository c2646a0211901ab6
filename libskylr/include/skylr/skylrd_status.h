// skylrd's state as its `GET /status` reports it, read back by `skylrctl status`: the
// services with their servers, the last sync with Marathon, the last apply and the last
// error. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "skylr/result.h"

namespace skylr {

// One backend server of a service.
struct StatusServer {
  std::string address;
  int port = 0;
  std::string slot;  // the HAProxy server slot holding it, e.g. "slot-3"; empty when not known
};

// One service as last applied.
struct StatusService {
  std::string name;
  std::string app_id;
  int port = 0;
  bool app_found = false;  // false: Marathon has no such app
  std::vector<StatusServer> servers;
  std::vector<StatusServer> draining;  // servers of removed tasks whose slots still drain
};

// What skylrd reports. Times are ISO 8601 UTC text; empty strings stand for null.
struct SkylrdStatus {
  bool healthy = false;
  bool synced = false;
  std::string last_sync;
  std::string last_sync_error;
  std::string last_apply_status;  // "applied", "unchanged", "failed"; empty before any
  std::string last_apply_stage;   // the failed stage, else "none"
  std::string last_apply_message;
  std::string last_apply_method;         // "runtime", "reload" or "none"
  std::string last_apply_reload_reason;  // e.g. "config_changed"; "none" without a reload
  int runtime_updates = 0;               // applies through the Runtime API so far
  std::string last_reload;
  std::string last_reload_reason;
  std::string last_error;
  std::string last_error_at;
  std::vector<StatusService> services;
  std::vector<std::string> problems;  // tasks left out, one sentence each
};

// Parses a `GET /status` body. Fails on invalid JSON ("skylrd's status: invalid JSON at
// ...") or a member of the wrong type, naming its JSON path: `services[0].port: expected
// an integer 0-65535, got "80"`. Missing members keep their defaults.
Result<SkylrdStatus> parse_skylrd_status(std::string_view body);

}  // namespace skylr
