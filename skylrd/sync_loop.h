// SyncLoop: skylrd's worker. It runs the start-up sync, then waits for a coalesced batch
// of notifications or for the periodic resync and runs one sync (skylr::Pipeline:
// membership changes through HAProxy's Runtime API, other changes by a reload): a
// targeted one that reads only the apps the batch's events named, or a full one for the
// periodic resync, a batch with an event it cannot attribute, a new config, and after any
// failed read. It records the outcome in the metrics, the status board and one log line;
// once the first sync has finished, whatever its result, it tells the service manager
// that skylrd is ready. While slots drain it also wakes up to finish the drains that are
// over. A sync in progress always finishes before the loop returns. Runs on one thread.
#pragma once

#include <chrono>
#include <memory>

#include "metrics.h"
#include "notifications.h"
#include "readiness.h"
#include "shared_config.h"
#include "skylr/model.h"
#include "skylr/pipeline.h"
#include "status_board.h"

namespace skylr {

class SyncLoop {
 public:
  // Every reference must outlive the loop.
  SyncLoop(const SharedConfig& config, Pipeline& pipeline, Notifications& notifications, Metrics& metrics,
           StatusBoard& board, Readiness& readiness);

  // Syncs at once, then on every batch and every resync interval, until notifications stop.
  void run();

 private:
  // Syncs once; returns the outcome as the log line says it.
  std::string sync(const RegenerationBatch& batch);
  void finish_drains();
  void record_apply(const ApplyOutcome& apply, std::chrono::system_clock::time_point now);
  void record_answer(const SyncReport& report);
  void record_certificates(const CertificateReport& report, std::chrono::system_clock::time_point now);
  void record_served(const std::shared_ptr<const Config>& config, SyncReport& report);

  const SharedConfig& config_;
  Notifications& notifications_;
  Metrics& metrics_;
  StatusBoard& board_;
  Readiness& readiness_;
  Model served_;  // the model of the config HAProxy serves
  Pipeline& pipeline_;
  std::shared_ptr<const Config> synced_config_;  // of the last full sync that was applied
  bool full_read_due_ = false;  // a read failed: the next sync reads every app
  bool started_ = false;        // the start-up sync ran
};

}  // namespace skylr
