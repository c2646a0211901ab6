// Readiness: what skylrd tells its service manager about itself, systemd's Type=notify
// protocol: ready once the first sync has finished (applied or failed: skylrd then
// serves /health, which says which), reloading while a SIGHUP re-reads the config,
// stopping on shutdown. The real one sends sd_notify(3) messages, which do nothing when
// skylrd was not started by systemd ($NOTIFY_SOCKET unset); tests pass their own.
// Thread-safe.
#pragma once

#include <string_view>

namespace skylr {

class Readiness {
 public:
  virtual ~Readiness() = default;

  // Tells that skylrd serves: READY=1, with `status` (one line) for `systemctl status`.
  virtual void ready(std::string_view status) = 0;

  // Tells that skylrd re-reads its config: RELOADING=1 (ready() follows when it is done).
  virtual void reloading() = 0;

  // Tells that skylrd shuts down: STOPPING=1.
  virtual void stopping() = 0;
};

// The Readiness that notifies systemd through $NOTIFY_SOCKET (libsystemd's sd_notify).
Readiness& systemd_readiness();

}  // namespace skylr
