// A whole Skylr deployment on 127.0.0.1 for the end-to-end benchmarks: marathon-sim with
// the benchmark's apps, skylrd following it, and the real HAProxy that skylrd manages,
// every file in one temporary directory and every port chosen at run time. Destruction
// stops skylrd (which stops HAProxy), makes sure no HAProxy of the run survives, and
// kills the simulator. Thread-safe for the calls that only talk HTTP.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config_text.h"
#include "http_call.h"
#include "processes.h"
#include "routing_view.h"
#include "scratch.h"

namespace skylr::bench {

// What to run.
struct StackOptions {
  std::string sim_apps;              // the marathon-sim --apps file
  bool launch = false;               // task servers answering GET / (--launch)
  int stage_ms = 200;                // --stage-ms
  std::vector<std::string> tracked;  // app ids published as services (they need not exist yet)
  BenchConfig skylr;                 // skylrd's settings; the Stack sets marathon, services, dir
  std::chrono::seconds start_timeout{20};  // for the simulator to listen, for skylrd to be healthy
};

// HTTP calls to the simulator and skylrd, shared with the soak.
using testing::HttpAnswer;
using testing::http_call;

// The value of the Prometheus series `series` (e.g. `skylr_applies_total{result="applied"}`)
// in `text`, 0 when absent; a series name ending in '{' sums every series of that metric.
double metric_value(const std::string& text, const std::string& series);

class Stack {
 public:
  // Starts the simulator and skylrd and waits until skylrd reports its first sync
  // healthy; throws std::runtime_error (with the programs' stderr) when something fails.
  explicit Stack(const StackOptions& options);
  ~Stack();
  Stack(const Stack&) = delete;
  Stack& operator=(const Stack&) = delete;

  // Where the simulator and skylrd listen, and skylrd's process.
  int sim_port() const { return sim_port_; }
  int skylrd_port() const { return skylrd_port_; }
  pid_t skylrd_pid() const { return skylrd_->pid(); }

  // Milliseconds from starting skylrd (the simulator already serving) to its first /health 200.
  double startup_ms() const { return startup_ms_; }

  // The app ids published as services.
  const std::vector<std::string>& tracked() const { return tracked_; }

  // HAProxy's admin socket (the Runtime API) and the configuration skylrd writes.
  std::string admin_socket() const { return dir_.path("admin.sock"); }
  std::string haproxy_config() const { return dir_.path("haproxy.cfg"); }

  // The running HAProxy master and its children (the workers); empty when none runs.
  std::vector<pid_t> haproxy_pids() const;

  // The HAProxy port of the service for `app_id`.
  int service_port(const std::string& app_id) const { return service_ports_.at(app_id); }

  // Sets the instances of `app_id` in the simulator (forced past running deployments).
  void scale(const std::string& app_id, int instances);

  // The value of `series` in skylrd's /metrics (see metric_value).
  double metric(const std::string& series) const;

  // skylrd's /metrics text; throws std::runtime_error when it does not answer.
  std::string metrics() const;

  // Rewrites skylrd's config with haproxy.timeout_client_ms = `timeout_client_ms` and sends
  // SIGHUP: an options change, which HAProxy only takes with a reload.
  void change_config(int timeout_client_ms);

  // Rewrites skylrd's config file with `edit` applied to its settings and sends SIGHUP.
  void rewrite_config(const std::function<void(BenchConfig&)>& edit);

  // Task ids skylrd routes to, by app id, from its /status.
  std::map<std::string, std::vector<std::string>> routed_tasks() const;

  // Task ids that should be routed, by tracked app id, from the simulator: running and
  // not reported dead by a health check.
  std::map<std::string, std::vector<std::string>> expected_tasks() const;

  // Waits up to `timeout` until routed_tasks() equals expected_tasks(); true when it did.
  bool wait_consistent(std::chrono::milliseconds timeout) const;

  // Waits up to `timeout` until skylrd has finished every sync it started (a finished-sync
  // log line for each regeneration /metrics counts) and started none for `quiet`; true
  // when it is idle.
  bool wait_idle(std::chrono::milliseconds quiet, std::chrono::milliseconds timeout) const;

  // skylrd's stderr so far (its log).
  std::string skylrd_log() const { return testing::read_file(dir_.path("skylrd.err")); }

 private:
  void stop_haproxy();
  pid_t haproxy_master() const;

  testing::TempDir dir_;
  BenchConfig config_;
  std::vector<std::string> tracked_;
  std::map<std::string, int> service_ports_;
  int sim_port_ = 0;
  int skylrd_port_ = 0;
  double startup_ms_ = 0;
  std::unique_ptr<testing::BackgroundProcess> sim_;
  std::unique_ptr<testing::BackgroundProcess> skylrd_;
};

}  // namespace skylr::bench
