// StatusBoard: what skylrd knows about its own state, for GET /health and GET /status:
// whether the last sync with Marathon worked, what HAProxy serves, the last apply and the
// last error. The sync loop records into it; HTTP handlers read it. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "skylr/config.h"
#include "skylr/config_applier.h"
#include "skylr/model.h"
#include "skylr/server_slots.h"
#include "skylr/synchronizer.h"

namespace skylr {

// The verdict of GET /health.
struct Health {
  bool ok = false;
  std::vector<std::string> reasons;  // why not ok, one sentence each
};

class StatusBoard {
 public:
  // Records one sync's report, the applier's totals after it, and when it ended.
  void record(const Config& config, const SyncReport& report, const ApplyCounters& counters,
              std::chrono::system_clock::time_point when);

  // Records the server slots HAProxy serves (after a sync or a drain ended): which slot
  // ("slot-3") holds each server, how many slots each service has, and which slots drain.
  void record_slots(const SlotTable& slots);

  // Healthy when the last sync read Marathon and HAProxy is live on the config it gave.
  Health health() const;

  // GET /health's body: {"status":"ok"} or {"status":"unhealthy","reasons":[...]}.
  std::string health_json() const;

  // GET /status's body: services with their servers (and their slots), the slots that
  // drain, the last sync and the last apply.
  std::string status_json() const;

 private:
  struct ServiceRow {
    std::string name;
    std::string app_id;
    int port = 0;
    bool app_found = false;
    std::vector<Server> servers;
    std::vector<std::string> server_slots;  // the slot of servers[i]; "" when not known
    std::size_t slot_count = 0;
    std::vector<std::pair<std::string, Server>> draining;  // slot and the removed task's server
  };

  mutable std::mutex mutex_;
  bool ever_synced_ = false;
  std::optional<std::string> sync_error_;  // of the last sync
  std::optional<std::chrono::system_clock::time_point> last_sync_ok_;
  std::optional<ApplyOutcome> last_apply_;  // of the last sync that read Marathon
  ApplyCounters counters_;
  std::vector<ServiceRow> services_;  // as last applied
  std::vector<Problem> problems_;
};

}  // namespace skylr
