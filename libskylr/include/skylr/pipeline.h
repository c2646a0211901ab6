// Pipeline: the parts of a sync wired over the real host — the MarathonClient of the
// configured marathon_hosts, the HaproxyControl of the reload mode, the ConfigApplier
// over the local file system, POSIX processes and the system clock, the RuntimeUpdater on
// reload.admin_socket, and the Synchronizer over them all. skylrd and `skylrctl
// regenerate` both build it, so that a sync by hand is exactly skylrd's first sync after
// a start. Constructing it starts nothing. Thread-compatible, as its parts.
#pragma once

#include <memory>

#include "skylr/config.h"
#include "skylr/config_applier.h"
#include "skylr/control_socket.h"
#include "skylr/haproxy_control.h"
#include "skylr/http_client.h"
#include "skylr/marathon_client.h"
#include "skylr/runtime_updater.h"
#include "skylr/synchronizer.h"

namespace skylr {

class Pipeline {
 public:
  // The pipeline of `config`, talking to Marathon through `http` (which must outlive it).
  Pipeline(const Config& config, HttpClient& http);

  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // The client of config.marathon_hosts, with config.marathon_credentials.
  MarathonClient& marathon() { return marathon_; }

  // Managed or external HAProxy control, as config.reload.mode says.
  HaproxyControl& haproxy() { return *haproxy_; }

  // The applier that writes config_destination and reloads through haproxy().
  ConfigApplier& applier() { return applier_; }

  // Syncs with marathon() and applier(), membership changes through the Runtime API.
  Synchronizer& synchronizer() { return synchronizer_; }

 private:
  UnixControlSocket master_socket_;
  std::unique_ptr<HaproxyControl> haproxy_;
  MarathonClient marathon_;
  ConfigApplier applier_;
  UnixControlSocket admin_socket_;
  RuntimeUpdater runtime_{admin_socket_};
  Synchronizer synchronizer_;
};

}  // namespace skylr
