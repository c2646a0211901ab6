// InstanceLock: one skylrd per HAProxy configuration. skylrd holds an exclusive flock(2)
// on "<config_destination>.lock", beside the file it writes, for as long as it runs, so
// that a second skylrd with the same config (or another config naming the same
// config_destination) cannot start and fight the first over HAProxy. The file holds the
// holder's pid for the second one's message. The kernel drops the lock when the process
// ends, however it ends, so a file left behind never blocks a start; the descriptor is
// read-only (a file system with a file open for writing cannot be remounted read-only)
// and close-on-exec, so HAProxy (skylrd's child) never holds it. Thread-compatible.
#pragma once

#include <string>

#include "skylr/result.h"

namespace skylr {

class InstanceLock {
 public:
  // Takes the lock of `config_destination`. Fails when another process holds it:
  // "another skylrd (pid 812) already manages /var/lib/skylr/haproxy.cfg (lock
  // /var/lib/skylr/haproxy.cfg.lock)", or when the lock file cannot be opened or locked,
  // with the OS's reason.
  static Result<InstanceLock> acquire(const std::string& config_destination);

  InstanceLock(InstanceLock&& other) noexcept;
  InstanceLock& operator=(InstanceLock&&) = delete;
  InstanceLock(const InstanceLock&) = delete;
  InstanceLock& operator=(const InstanceLock&) = delete;

  // Releases the lock (the file stays).
  ~InstanceLock();

 private:
  explicit InstanceLock(int fd) : fd_(fd) {}

  int fd_ = -1;
};

// The lock file of the skylrd writing `config_destination`: "<config_destination>.lock".
std::string lock_file_path(const std::string& config_destination);

}  // namespace skylr
