// The end-to-end stack: marathon-sim with real task servers (--launch), skylrd managing a
// real HAProxy, their files in one temporary directory, and what the tests ask of them:
// scale the app, list its tasks, read skylrd's /health, /status and /metrics, and send
// traffic through HAProxy. Every process is killed when its owner is destroyed, HAProxy
// through the pid file. Thread-compatible.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <rapidjson/document.h>

#include "integration_support.h"

namespace skylr::e2e {

using namespace std::chrono_literals;

// marathon-sim with one app, /web, whose tasks are real HTTP servers.
class SimProcess {
 public:
  // Writes the apps file into `dir` and starts the simulator on 127.0.0.1:`port` (0: a
  // free port) with `instances` tasks of /web; REQUIREs that it listens.
  SimProcess(const testing::TempDir& dir, int instances, int port = 0);

  int port() const { return port_; }

  // Stops the simulator with SIGTERM; REQUIREs exit code 0 within 5 s.
  void stop();

  // Starts it again on the same port (fresh tasks from the apps file).
  void start();

  // Sets /web's instances (PUT ?force=true); REQUIREs 200.
  void scale(int instances);

  // The ids of /web's TASK_RUNNING tasks; REQUIREs an answer.
  std::set<std::string> running_tasks();

  // Kills task `id` of /web without scaling (the simulator replaces it); REQUIREs 200.
  void kill_task(const std::string& id);

  // Creates or replaces app `id` with the app definition `body` (PUT ?force=true);
  // REQUIREs 200 or 201.
  void put_app(const std::string& id, const std::string& body);

  // Deletes app `id` (DELETE ?force=true); REQUIREs 200.
  void delete_app(const std::string& id);

  // POSTs to the simulator-only control `path` (e.g. "/_sim/events/stream/close");
  // REQUIREs 200.
  void control(const std::string& path);

 private:
  const testing::TempDir& dir_;
  int port_ = 0;
  int starts_ = 0;
  std::unique_ptr<testing::ChildProcess> process_;
};

// marathon-sim --standby-of a simulator: a second master of its cluster, forwarding every
// request to it.
class StandbyProcess {
 public:
  // Starts the standby of the simulator on 127.0.0.1:`primary_port` on a free port;
  // REQUIREs that it listens.
  StandbyProcess(const testing::TempDir& dir, int primary_port);

  int port() const { return port_; }

 private:
  std::unique_ptr<testing::ChildProcess> process_;
  int port_ = 0;
};

// How a test's skylrd is configured (written to skylr.json in the stack's directory).
struct SkylrdSettings {
  bool sse = true;
  int min_interval_ms = 100;
  int resync_interval_s = 300;
  std::string reload_mode = "managed";
  std::string haproxy_binary = SKYLR_HAPROXY;
  int backend_port = 0;  // when not 0: every task is served at 127.0.0.1:backend_port
  int service_port = 0;  // HAProxy's port for "web"; 0: a free one
  bool stop_haproxy_on_exit = true;
  bool standby = false;  // Stack: a StandbyProcess of the simulator is the second of marathon_hosts
  int timeout_client_ms = 30000;  // haproxy.timeout_client_ms
  std::string haproxy_log_target = "";  // haproxy.log.target; empty: HAProxy logs nothing
  std::string log_format = "";          // skylrd's --log-format; empty: the default (text)
  int discovery_http_port = 0;  // when not 0: label discovery (group "e2e"), its shared HTTP frontend here
  int https_port = 0;              // when not 0: the tls section, its shared HTTPS frontend here
  std::string tls_certificates = "";  // the tls section's directory, default certificate "default.pem"
  int web_https_port = 0;          // when not 0: "web" terminates TLS here too, and redirects plain requests here
};

// skylrd on 127.0.0.1:0 following a simulator (with --stop-haproxy-on-exit unless the
// settings say otherwise).
class SkylrdProcess {
 public:
  // Writes the config into `dir` (HAProxy's pid file, sockets and config there too),
  // guards HAProxy's pid file with `guard`, starts skylrd and REQUIREs its first line.
  // marathon_hosts are 127.0.0.1:`sim_port`, then 127.0.0.1:`standby_port` unless it is 0.
  SkylrdProcess(const testing::TempDir& dir, int sim_port, const SkylrdSettings& settings,
                testing::HaproxyGuard& guard, int standby_port = 0);

  int port() const { return port_; }

  pid_t pid() const { return process_->pid(); }

  // The config file it runs with.
  const std::string& config_path() const { return config_path_; }

  // The HAProxy frontend port of the service "web".
  int service_port() const { return service_port_; }

  // GET `path` on skylrd.
  testing::HttpReply get(const std::string& path) const;

  // POSTs `event` (JSON) to /marathon from the local address `source`.
  testing::HttpReply post_event(const std::string& event, const std::string& source = "127.0.0.1") const;

  // True when GET /health answers 200.
  bool healthy() const;

  // GET /status, parsed; REQUIREs a 200 JSON object.
  rapidjson::Document status() const;

  // The string member `key` of /status's last_apply ("status", "stage", "message"), or ""
  // when it is absent.
  std::string last_apply(const char* key) const;

  // The task ids of the servers /status lists for "web".
  std::set<std::string> routed_tasks() const;

  // The sum of the /metrics samples named `name` whose labels contain `label` (e.g.
  // `result="applied"`; empty: all); REQUIREs a 200 answer.
  double metric(const std::string& name, const std::string& label = "") const;

  // The generated HAProxy configuration on disk.
  std::string live_config() const;

  // True while skylrd runs.
  bool running() { return process_->running(); }

  // Rewrites skylrd's config with `settings` (the same ports and marathon_hosts) and sends
  // SIGHUP.
  void reconfigure(const SkylrdSettings& settings);

  // Replaces skylrd's config file with `text` and sends SIGHUP.
  void reconfigure_text(const std::string& text);

  // Sends SIGHUP (the config file unchanged): skylrd reads it again and syncs in full.
  void hangup();

  // Sends SIGTERM; skylrd's exit code, or -1 when it did not exit within 10 s.
  int stop();

  // Everything skylrd logged so far (stderr).
  std::string log() const { return process_->error_output(); }

 private:
  const testing::TempDir& dir_;
  int sim_port_ = 0;
  int standby_port_ = 0;
  std::string config_path_;
  std::string destination_;
  int port_ = 0;
  int service_port_ = 0;
  std::unique_ptr<testing::ChildProcess> process_;
};

// A whole stack: directory, HAProxy guard, simulator (and its standby when the settings
// ask for one) and skylrd, destroyed in reverse.
struct Stack {
  testing::TempDir dir;
  testing::HaproxyGuard guard;
  SimProcess sim;
  std::unique_ptr<StandbyProcess> standby;  // null unless settings.standby
  SkylrdProcess skylrd;

  // Starts the simulator with `instances` tasks (and its standby) and skylrd with `settings`.
  explicit Stack(int instances, const SkylrdSettings& settings = {});

  // Waits up to `timeout` for /health 200 with /status routing exactly the running tasks.
  bool in_sync(std::chrono::milliseconds timeout = 10s);

  // Waits up to `timeout` for the simulator to run `tasks` tasks of /web, for /status to
  // route exactly those, and for traffic through HAProxy to reach exactly those, every
  // request answered: "" when all happened, else what the last attempt saw.
  std::string await_traffic(std::size_t tasks, std::chrono::milliseconds timeout);
};

// A worker of the HAProxy master `master` (its first child), 0 when it has none.
pid_t worker_of(pid_t master);

// The task id in a task server's answer "<appId> <taskId>\n", or the answer unchanged.
std::string task_of(const std::string& answer);

// How many of `count` GETs through 127.0.0.1:`port` each task answered; failures are
// counted under their "failed: <reason>" text.
std::map<std::string, int> sample_traffic(int port, int count);

// Waits up to `timeout` for a round of GETs through `port` (4 per task, plus 2) that all
// succeed and are answered by exactly `tasks`, all of them: "" when one did, else the
// expected tasks and the answers of the last round.
std::string await_traffic(int port, const std::set<std::string>& tasks, std::chrono::milliseconds timeout);

// A status_update_event of /web's task `task_id` as Marathon POSTs it to callbacks.
std::string status_update_event(const std::string& task_id, const std::string& status = "TASK_RUNNING");

}  // namespace skylr::e2e
