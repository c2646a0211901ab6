// StatusBoard: what skylrd knows about its own state, for GET /health and GET /status:
// whether the last sync with Marathon worked, what HAProxy serves, the last apply and the
// last error, the last re-read of the config file. The sync loop and the signal handler
// record into it; HTTP handlers read it. Free text comes out on one line (one_line.h).
// Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "protocol/status.h"
#include "skylr/certificate.h"
#include "skylr/config.h"
#include "skylr/model.h"
#include "skylr/server_slots.h"
#include "skylr/sync_report.h"

namespace skylr {

// The verdict of GET /health: unhealthy (not ok), degraded (ok, with warnings: the last
// good state serves, but something needs an operator) or ok.
struct Health {
  bool ok = false;
  std::vector<std::string> reasons;   // why not ok, one sentence each
  std::vector<std::string> warnings;  // why degraded, one sentence each
};

class StatusBoard {
 public:
  // Records one sync's report, the applier's totals after it, and when it ended. A report
  // of scope kApps replaces only the services and problems of the apps it read.
  void record(const Config& config, const SyncReport& report, const ApplyCounters& counters,
              std::chrono::system_clock::time_point when);

  // Counts what one sync read from Marathon: `reads` reads of `scope`, `bytes` body bytes.
  void record_reads(ReadScope scope, std::size_t reads, std::uint64_t bytes);

  // Records the server slots HAProxy serves (after a sync or a drain ended): which slot
  // ("slot-3") holds each server, how many slots each service has, and which slots drain.
  void record_slots(const SlotTable& slots);

  // record_slots for the services of `part` only (a targeted sync's model).
  void record_slots(const SlotTable& slots, const Model& part);

  // Records what the HAProxy supervisor found at its last look.
  void record_haproxy(const SupervisionReport& report);

  // Records a re-read of the config file at `when`: applied when `problems` is empty,
  // else refused for them (one per entry).
  void record_config_reload(std::chrono::system_clock::time_point when, std::vector<std::string> problems);

  // Records the `tls` section's certificate files as a full sync left them, and why the
  // directory could not be looked at (nullopt: it could).
  void record_certificates(const std::vector<CertificateStatus>& certificates, std::optional<std::string> error);

  // Healthy when the last sync read Marathon and did not refuse its answer, HAProxy is
  // live on the config it gave, the supervisor last found HAProxy serving, and no app kept
  // its last known servers for a malformed answer. Degraded (still ok) while the last
  // re-read of the config file was refused (the config before it keeps serving), while a
  // certificate file is refused or the directory cannot be read, or a served certificate
  // expires within 14 days.
  Health health() const;

  // GET /health's body: {"status":"ok"}, {"status":"degraded","reasons":[warnings]} or
  // {"status":"unhealthy","reasons":[reasons, then warnings]}.
  std::string health_json() const;

  // What GET /status reports: services with their servers (and their slots), the slots
  // that drain, the last sync and the last apply.
  protocol::SkylrdStatus status() const;

  // GET /status's body: status() as JSON.
  std::string status_json() const;

 private:
  mutable std::mutex mutex_;
  bool ever_synced_ = false;
  std::optional<std::string> sync_error_;  // of the last sync
  std::optional<std::string> refused_;     // why the last sync refused Marathon's answer
  std::optional<std::chrono::system_clock::time_point> last_sync_ok_;
  std::optional<ApplyOutcome> last_apply_;  // of the last sync that read Marathon
  ApplyCounters counters_;
  std::vector<protocol::StatusService> services_;  // as last applied, with their slots, by name
  std::vector<Problem> problems_;
  std::optional<SupervisionReport> haproxy_;  // the supervisor's last look
  std::int64_t haproxy_restarts_ = 0;
  std::int64_t full_reads_ = 0;
  std::int64_t app_reads_ = 0;
  std::int64_t bytes_read_ = 0;
  protocol::StatusConfigReload config_reload_;
  std::vector<CertificateStatus> certificates_;
  std::optional<std::string> certificate_error_;
};

}  // namespace skylr
