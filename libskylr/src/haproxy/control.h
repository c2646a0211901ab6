// HaproxyControl: starting, reloading and stopping HAProxy. Two implementations: managed
// (skylrd runs HAProxy itself in master-worker mode and reloads it through the master
// CLI) and external (HAProxy was started elsewhere, runs from a pid file, and is
// reloaded by starting a new one with -sf). Thread-safe: calls are serialised inside, so
// a supervisor thread may look at HAProxy while a sync reloads it.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "skylr/clock.h"
#include "skylr/config.h"
#include "skylr/control_socket.h"
#include "skylr/file_system.h"
#include "skylr/process_runner.h"
#include "skylr/result.h"
#include "skylr/sync_report.h"

namespace skylr::haproxy {

// What HAProxy runs from and how long each step may take.
struct HaproxyProcessSettings {
  std::string binary = "/usr/sbin/haproxy";
  std::string config_path;
  std::string users_path;     // empty: no users file
  std::string pid_file;       // managed mode without one in the config: <config_path>.pid
  std::string master_socket;  // managed mode: the master CLI's Unix socket
  std::string admin_socket;   // the Runtime API's socket (reload.admin_socket); may be empty
  std::chrono::milliseconds start_timeout{10000};   // until HAProxy serves after a start
  std::chrono::milliseconds reload_timeout{5000};   // until a reload shows a new worker
  std::chrono::milliseconds stop_timeout{5000};     // soft stop before SIGTERM, then SIGKILL
  std::chrono::milliseconds poll_interval{100};     // between two looks at HAProxy
};

// The settings a Skylr configuration implies (timeouts keep their defaults).
HaproxyProcessSettings haproxy_process_settings(const Config& config);

// Things a control step skipped or repaired, each a sentence for an operator's log.
using ControlWarnings = std::vector<std::string>;

class HaproxyControl {
 public:
  virtual ~HaproxyControl() = default;

  // Starts HAProxy when it is not running (again, when it died); fails when it cannot
  // start or does not come up within start_timeout.
  virtual Result<ControlWarnings> ensure_running() = 0;

  // Makes HAProxy serve the current content of its config files without dropping
  // connections, and verifies that it does; starts it when it is not running. Fails
  // naming what HAProxy did instead; HAProxy then keeps serving the previous config.
  virtual Result<ControlWarnings> reload() = 0;

  // Stops the HAProxy this control started, softly first; a no-op for what it does not own.
  virtual Status stop() = 0;

  // Looks at HAProxy once HAProxy was started or taken over (before that it reports not
  // serving and does nothing). Managed: a master that exited or lost its workers is
  // started again on the config files as they are (the last good ones), a master whose
  // master socket or admin socket (for a second) is gone is replaced by a new master
  // without a gap. External: reports a HAProxy that is gone, never starts one.
  virtual SupervisionReport supervise() = 0;
};

// Managed mode: runs `<binary> -W -S <master_socket>,mode,600 -f <config> [-f <users>]
// -p <pid_file>` as a child (adopting one a previous skylrd left running) and reloads it
// with the master CLI's `reload`, waiting on `clock`.
std::unique_ptr<HaproxyControl> make_managed_haproxy(HaproxyProcessSettings settings,
                                                     ProcessRunner& runner, ControlSocket& socket,
                                                     FileSystem& fs, const Clock& clock);

// External mode: reloads with `<binary> -f <config> [-f <users>] -p <pid_file> -D -sf
// <old pids>`, signalling only pids of the pid file that are haproxy processes. stop()
// leaves HAProxy running: it belongs to whoever started it.
std::unique_ptr<HaproxyControl> make_external_haproxy(HaproxyProcessSettings settings,
                                                      ProcessRunner& runner, FileSystem& fs);

}  // namespace skylr::haproxy
