// HaproxyWatch: follows the HAProxy that skylrd runs, from a thread, every 50 ms: its
// master (the live haproxy process its pid file names) and that master's workers. It
// records the spans during which no master with a worker ran (outages) and every master
// pid it saw (each new one is a restart). It also reaps the haproxy processes orphaned to
// the soak (it is their subreaper once skylrd died or restarted), so that a killed one
// does not linger as a zombie that looks alive. kill_all() ends every haproxy it saw.
// Thread-safe.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "soak_time.h"

namespace skylr::soak {

// HAProxy's processes at one moment.
struct HaproxyProcesses {
  pid_t master = 0;           // 0: none running
  std::vector<pid_t> workers; // the master's live children

  // True when a master runs with at least one worker.
  bool serving() const { return master != 0 && !workers.empty(); }
};

class HaproxyWatch {
 public:
  // Watches the master named in `pid_file`.
  explicit HaproxyWatch(std::string pid_file);
  // Stops watching (HAProxy keeps running unless kill_all() ran).
  ~HaproxyWatch();
  HaproxyWatch(const HaproxyWatch&) = delete;
  HaproxyWatch& operator=(const HaproxyWatch&) = delete;

  // What runs now (looked up at the call, not at the last poll).
  HaproxyProcesses now() const;

  // The outages since HAProxy first served; one still going ends at the call's time.
  std::vector<Interval> outages() const;

  // How many distinct masters served; restarts are this minus one.
  int masters_seen() const;

  // Stops watching, asks every master seen to stop (SIGTERM), then kills every haproxy
  // process of this run (masters, their workers, orphans adopted) that still runs after
  // 2 s (SIGKILL) and reaps the orphans. Idempotent.
  void kill_all();

 private:
  void run();
  void poll();

  const std::string pid_file_;
  mutable std::mutex mutex_;
  std::set<pid_t> masters_;  // every master that served
  std::set<pid_t> seen_;     // every haproxy pid seen
  std::vector<Interval> outages_;
  std::optional<TimePoint> down_since_;
  bool served_ = false;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace skylr::soak
