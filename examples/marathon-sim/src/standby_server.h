// StandbyServer: a second Marathon master of the simulated cluster (--standby-of). It has
// no state of its own: like a real non-leader it forwards every request — event streams
// included — to the primary simulator, which holds the cluster's apps and tasks (in
// Marathon, ZooKeeper and the Mesos agents). Forwarded requests carry kStandbyHeader, so
// the primary answers them even while it has lost leadership (POST /_sim/leader?
// available=false): the standby then stands in as the leader, as a real standby takes
// over. GET /ping is answered locally; GET /v2/leader names the primary while it leads,
// else the standby itself. A primary that cannot be reached gives 503. Killing and
// restarting the standby process never loses state. stop() is thread-safe; the rest is
// meant for one owning thread.
#pragma once

#include <httplib.h>

#include <string>

#include "sim_options.h"
#include "skylr/result.h"

namespace skylr::sim {

class StandbyServer {
 public:
  // A standby of the primary at `options.standby_of` ("host:port"), listening as
  // `options` says (host, port).
  explicit StandbyServer(SimOptions options);

  StandbyServer(const StandbyServer&) = delete;
  StandbyServer& operator=(const StandbyServer&) = delete;

  // Binds the listening socket (options.port 0: a free port); the port, or an error.
  Result<int> bind();

  // "host:port" once bound.
  const std::string& address() const { return address_; }

  // Serves requests until stop(); false when serving failed. Call after bind().
  bool listen();

  // Stops listen() and every relayed stream. Safe from any thread.
  void stop();

  // True while listen() serves.
  bool is_running() const { return http_.is_running(); }

 private:
  // Sends `req` on to the primary and copies its answer into `res`.
  void forward(const httplib::Request& req, httplib::Response& res);
  // GET /v2/events as a stream: relayed chunk by chunk.
  void relay_events(const httplib::Request& req, httplib::Response& res);
  // GET /v2/leader: the primary while it leads, else this standby.
  void leader(httplib::Response& res);
  // The headers of `req` to pass on, with kStandbyHeader added.
  httplib::Headers upstream_headers(const httplib::Request& req) const;
  // A client of the primary with short timeouts.
  httplib::Client primary() const;

  const SimOptions options_;
  std::string primary_host_;
  int primary_port_ = 0;
  std::string address_;
  httplib::Server http_;
};

}  // namespace skylr::sim
