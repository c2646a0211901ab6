// Pipeline: Skylr's sync over the real host, the facade skylrd and `skylrctl regenerate`
// drive. It reads Marathon's apps (all, or those events named) through the configured marathon_hosts, models and
// renders them, and makes the result live in HAProxy (the configured reload mode) through
// the Runtime API when only servers changed, by a checked reload otherwise. It keeps the
// server slots between syncs so that a removed task's slot drains before it is reused.
// When Marathon cannot be read or answers garbage, or a drastic change is not confirmed by
// a second read, nothing is applied and the last good configuration keeps serving; an app
// Marathon's answer gives malformed keeps its last applied servers. Its parts (HAProxy control, applier, Runtime API updater,
// sockets) stay inside the library. Thread-compatible: the caller serialises calls.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "skylr/certificate.h"
#include "skylr/config.h"
#include "skylr/http_client.h"
#include "skylr/marathon_client.h"
#include "skylr/process_runner.h"
#include "skylr/result.h"
#include "skylr/server_slots.h"
#include "skylr/sync_report.h"

namespace skylr {

class Pipeline {
 public:
  // The pipeline of `config` over the local file system, POSIX processes, Unix sockets and
  // the system clock, talking to Marathon through `http` (which must outlive it).
  // Opening it starts nothing.
  static std::unique_ptr<Pipeline> open(const Config& config, HttpClient& http);

  // The same, starting and checking HAProxy through `processes` (which must outlive it)
  // instead of default_process_runner().
  static std::unique_ptr<Pipeline> open(const Config& config, HttpClient& http, ProcessRunner& processes);

  virtual ~Pipeline() = default;

  // The client of config.marathon_hosts, with config.marathon_credentials and
  // config.marathon_timeouts.
  virtual MarathonClient& marathon() = 0;

  // Reads Marathon's apps, frees the drained slots, places the servers in slots (tasks
  // keep theirs) and applies, through the Runtime API when only servers changed. With the
  // `tls` section it first looks at the certificates' directory: checked copies of new and
  // changed files, refusals for broken ones; a new, changed or removed certificate reaches
  // HAProxy through the Runtime API without a reload (unless the sync reloaded anyway),
  // even when Marathon cannot be read (report.certificates).
  virtual SyncReport sync(const Config& config) = 0;

  // Reads only the apps `app_ids` (GET /v2/apps/{id}?embed=app.tasks each; a 404 removes
  // the app's servers) and updates only the services that follow them: a change of
  // servers goes through the Runtime API first and the file follows, anything else is a
  // checked reload. Runs sync() instead before the first successful sync and after a
  // failed apply. The report's model holds only the services of `app_ids`.
  virtual SyncReport sync_apps(const Config& config, const std::set<std::string>& app_ids) = 0;

  // Without reading Marathon: frees the draining slots whose sessions reached zero or
  // whose haproxy.drain_seconds passed. Nothing is applied (kUnchanged) when no drain was
  // over; the report has no model.
  virtual SyncReport finish_drains(const Config& config) = 0;

  // When finish_drains should next run; nullopt while no slot drains.
  virtual std::optional<std::chrono::steady_clock::time_point> next_drain_check() const = 0;

  // The config HAProxy is served from: `config` with the services label discovery
  // published at the last successful sync (`config` itself when discovery is off).
  virtual const Config& served_config(const Config& config) const = 0;
  // The slots HAProxy serves since the last successful apply.
  virtual const SlotTable& slots() const = 0;

  // The certificate files of the `tls` section as the last sync left them, by name.
  virtual std::vector<CertificateStatus> certificates() const = 0;

  // The apply totals since the pipeline was opened.
  virtual const ApplyCounters& counters() const = 0;

  // Stops the HAProxy it manages (managed mode; external mode leaves HAProxy alone).
  virtual Status stop_haproxy() = 0;

  // Looks at HAProxy once and repairs what it can: in managed mode a dead HAProxy is
  // started again on the last good configuration (the file on disk) and a master whose
  // sockets are gone replaced; external mode only reports. Unlike the other calls, it may run on
  // another thread while they run (HAProxy control is serialised inside).
  virtual SupervisionReport supervise() = 0;
};

}  // namespace skylr
