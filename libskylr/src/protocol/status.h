// skylrd's state as its `GET /status` reports it: the services with their servers, the
// last sync with Marathon, the last apply and the last error. skylrd writes it with
// write_skylrd_status and `skylrctl status` reads it back with parse_skylrd_status, so the
// wire format has one definition. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "skylr/result.h"

namespace skylr::protocol {

// One backend server of a service.
struct StatusServer {
  std::string name;  // HAProxy's server name of the task
  std::string address;
  int port = 0;
  std::string task_id;
  std::string slot;  // the HAProxy server slot holding it, e.g. "slot-3"; empty when not known
};

// One service as last applied.
struct StatusService {
  std::string name;
  std::string app_id;
  int port = 0;
  bool app_found = false;  // false: Marathon has no such app
  std::vector<StatusServer> servers;
  std::int64_t slots = 0;               // server slots HAProxy has for it
  std::vector<StatusServer> draining;  // servers of removed tasks whose slots still drain
};

// The last re-read of skylrd's config file (SIGHUP).
struct StatusConfigReload {
  std::string last_attempt;           // ISO 8601 UTC; empty: never re-read (null)
  std::string result;                 // "applied" or "refused"
  std::vector<std::string> problems;  // why it was refused, one per line of the file's check
};

// One certificate file of the `tls` section's directory.
struct StatusCertificate {
  std::string file;
  bool served = false;             // HAProxy is given a certificate from it; the members below describe it
  std::string subject;
  std::vector<std::string> names;  // its subjectAltName DNS names and addresses
  std::string not_before;          // ISO 8601 UTC
  std::string not_after;           // ISO 8601 UTC
  std::string fingerprint;         // SHA-256, lower-case hex
  std::string refused;             // why the file as it is now is not served; empty: it is
};

// One line of skylrd's log.
struct StatusEvent {
  std::string time;  // ISO 8601 UTC with milliseconds
  std::string level;  // "info", "warning" or "error"
  std::string message;
};

// What skylrd reports. Times are ISO 8601 UTC text; an empty time, sync error, slot or
// apply status stands for null (no last apply at all when last_apply_status is empty).
struct SkylrdStatus {
  std::string version;  // skylrd's
  bool healthy = false;
  bool synced = false;
  std::string last_sync;
  std::string last_sync_error;
  std::string last_apply_status;  // "applied", "unchanged", "failed"; empty before any
  std::string last_apply_stage;   // the failed stage, else "none"
  std::string last_apply_message;
  std::int64_t last_apply_duration_ms = 0;
  std::string last_apply_method;         // "runtime", "reload" or "none"
  std::string last_apply_reload_reason;  // e.g. "config_changed"; "none" without a reload
  std::int64_t runtime_updates = 0;      // applies through the Runtime API so far
  std::map<std::string, std::int64_t> reloads;  // attempted reloads by reason
  std::string last_reload;
  std::string last_reload_reason;
  std::string last_reload_detail;
  std::string last_error;
  std::string last_error_at;
  bool haproxy_serving = false;       // at the HAProxy supervisor's last look
  std::int64_t haproxy_restarts = 0;  // dead HAProxy processes started again
  std::string haproxy_problem;        // what the supervisor last found wrong, or ""
  std::int64_t full_reads = 0;   // reads of all of Marathon's apps so far
  std::int64_t app_reads = 0;    // reads of one app an event named so far
  std::int64_t bytes_read = 0;   // body bytes of Marathon's answers so far
  std::vector<StatusService> services;
  std::vector<std::string> problems;  // tasks left out, apps kept, answers refused; one sentence each
  StatusConfigReload config_reload;
  std::vector<StatusCertificate> certificates;  // by file; none without the `tls` section
  std::vector<StatusEvent> recent_events;  // the last lines of skylrd's log, oldest first
};

// Parses a `GET /status` body. Fails on invalid JSON ("skylrd's status: invalid JSON at
// ...") or a member of the wrong type, naming its JSON path: `services[0].port: expected
// an integer 0-65535, got "80"`. Missing members keep their defaults.
Result<SkylrdStatus> parse_skylrd_status(std::string_view body);

// The `GET /status` body of `status`: one JSON object whose members parse_skylrd_status
// reads back into an equal SkylrdStatus.
std::string write_skylrd_status(const SkylrdStatus& status);

}  // namespace skylr::protocol
