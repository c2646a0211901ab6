// Cluster: the programs of one soak run, on 127.0.0.1 with ports chosen at run time and
// every file in the run's temporary directory: the primary marathon-sim (the cluster's state, its
// tasks real HTTP servers), a standby marathon-sim (--standby-of the primary: the second
// entry of marathon_hosts, the same state), and skylrd managing HAProxy. The soak reads
// and changes the cluster as its owner, not as a Marathon client: through the primary with
// the standby header, so that it works while the primary has no leader. Destruction stops
// skylrd and the simulators (HAProxy is HaproxyWatch's to stop). Thread-safe for the calls
// that only talk HTTP; the rest is for the soak's main thread.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http_call.h"
#include "processes.h"
#include "scratch.h"
#include "soak_config.h"

namespace skylr::soak {

// What to run.
struct ClusterSettings {
  int apps = 5;             // apps /soak/app1 … each published as a service
  int instances = 2;        // tasks per app at the start
  int stage_ms = 300;       // marathon-sim --stage-ms
  int kill_grace_ms = 1000; // marathon-sim --kill-grace-ms
};

// The pid file of the HAProxy master skylrd runs with its files in `dir`.
std::string haproxy_pid_file(const testing::TempDir& dir);

// Copies the programs' logs and the configs (skylrd's, HAProxy's) of a cluster in `dir`
// into the directory `to` (created when missing).
void copy_logs(const testing::TempDir& dir, const std::string& to);

class Cluster {
 public:
  // Starts both simulators and skylrd with their files in `dir` (which must outlive the
  // cluster); throws std::runtime_error with the programs' messages when one does not
  // come up.
  Cluster(const testing::TempDir& dir, const ClusterSettings& settings);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  const std::vector<std::string>& app_ids() const { return app_ids_; }
  // The HAProxy port of each app, in app_ids() order.
  const std::vector<int>& service_ports() const { return service_ports_; }
  int primary_port() const { return primary_port_; }
  int standby_port() const { return standby_port_; }

  // `method` `target` (JSON `body`) on the cluster's state, whatever master leads.
  testing::HttpAnswer marathon(const std::string& method, const std::string& target,
                               const std::string& body = "") const;

  // The primary gains or loses leadership (POST /_sim/leader?available=…).
  void set_primary_leads(bool leads);
  // Kills the standby with SIGKILL.
  void kill_standby();
  // Starts the standby again on its port; throws when it does not come up.
  void restart_standby();

  // skylrd's HTTP port (it changes when skylrd restarts).
  int skylrd_port() const { return skylrd_port_; }
  // skylrd's pid, 0 while it is stopped.
  pid_t skylrd_pid() const { return skylrd_ ? skylrd_->pid() : 0; }
  // Sends `signo` to skylrd and waits up to 10 s for it to end (then SIGKILL).
  void stop_skylrd(int signo);
  // Starts skylrd again on the current config file; throws when it does not come up.
  void start_skylrd();
  // skylrd's exit code when it ended without stop_skylrd(), else nullopt.
  std::optional<int> skylrd_died();

  // Writes the good config `variant` (see skylrd_config_json).
  void write_config(int variant);
  // Writes invalid config `which` (see invalid_config_text); its description.
  std::string write_invalid_config(int which);
  // Sends SIGHUP to skylrd.
  void sighup_skylrd();
  // Throws unless `skylrctl validate` refuses every invalid config, so that the bad-SIGHUP
  // fault really is one.
  void check_invalid_configs() const;

  // The last `lines` lines of the running (or last) skylrd's log.
  std::string skylrd_log_tail(int lines) const;

 private:
  std::unique_ptr<testing::BackgroundProcess> start_program(const std::vector<std::string>& argv,
                                                            const std::string& name, int& port);

  const testing::TempDir& dir_;
  std::vector<std::string> app_ids_;
  std::vector<int> service_ports_;
  SkylrdConfig config_;
  int primary_port_ = 0;
  int standby_port_ = 0;
  std::atomic<int> skylrd_port_{0};
  int starts_ = 0;  // programs started, for distinct log names
  std::string skylrd_err_;
  std::unique_ptr<testing::BackgroundProcess> primary_;
  std::unique_ptr<testing::BackgroundProcess> standby_;
  std::unique_ptr<testing::BackgroundProcess> skylrd_;
};

}  // namespace skylr::soak
