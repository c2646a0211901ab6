// RecoveryProbe: decides whether the whole system is back to normal since a moment (a
// fault): skylrd runs and its /health says healthy, Marathon has finished staging the new
// tasks, skylrd routes exactly the tasks Marathon lists as routable now (its /status against a fresh GET /v2/tasks), and the last
// Traffic::kKeptPerService requests to every service, all sent after that moment, were
// answered by tasks of that list. wait() measures how long that took. For the soak's
// main thread.
#pragma once

#include <atomic>
#include <optional>
#include <string>

#include "cluster.h"
#include "routing_view.h"
#include "soak_time.h"
#include "traffic.h"

namespace skylr::soak {

// What is wrong with skylrd's side now: "" when it runs, /health says healthy, Marathon
// stages no task of the cluster's apps (its change is done), and /status routes exactly
// the tasks a fresh GET /v2/tasks lists as routable for them. `routable` gets that list.
std::string routing_problem(Cluster& cluster, testing::TasksByApp& routable);

// The result of wait(): the time to recover, or what was still wrong at the cap.
struct Recovery {
  std::optional<double> ms;  // nullopt: not recovered
  std::string not_recovered;
};

class RecoveryProbe {
 public:
  RecoveryProbe(Cluster& cluster, const Traffic& traffic);

  // "" when recovered since `since`, else what is still wrong.
  std::string whats_wrong(TimePoint since) const;

  // Checks every 50 ms from now until recovered since `since` (the time from `since`),
  // `cap` after `since`, or `interrupted`.
  Recovery wait(TimePoint since, Millis cap, const std::atomic<bool>& interrupted) const;

 private:
  // What is wrong with the traffic of `service` since `since` given Marathon's routable
  // tasks `routable` of its app, or "".
  std::string traffic_problem(std::size_t service, TimePoint since, const std::vector<std::string>& routable) const;

  Cluster& cluster_;
  const Traffic& traffic_;
};

}  // namespace skylr::soak
