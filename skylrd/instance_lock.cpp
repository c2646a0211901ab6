#include "instance_lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace skylr {
namespace {

// The pid the holder wrote into the lock file, or "unknown" when it has not yet.
std::string holder_pid(int fd) {
  char text[32] = {};
  ssize_t size = ::pread(fd, text, sizeof text - 1, 0);
  std::string pid(text, size > 0 ? static_cast<std::size_t>(size) : 0);
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid.empty() ? "unknown" : pid;
}

// Replaces the content of the lock file at `path` with this process's pid, through a
// descriptor of its own: the lock's stays read-only, so that it never keeps the file
// system from being remounted read-only (a remount refuses files open for writing).
void write_pid(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return;
  std::string pid = fmt::format("{}\n", ::getpid());
  [[maybe_unused]] ssize_t written = ::write(fd, pid.data(), pid.size());
  ::close(fd);
}

}  // namespace

std::string lock_file_path(const std::string& config_destination) {
  return fmt::format("{}.lock", config_destination);
}

Result<InstanceLock> InstanceLock::acquire(const std::string& config_destination) {
  std::string path = lock_file_path(config_destination);
  int fd = ::open(path.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return Error{fmt::format("cannot open the lock file {}: {}", path, std::strerror(errno))};
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    std::string message =
        error == EWOULDBLOCK
            ? fmt::format("another skylrd (pid {}) already manages {} (lock {})", holder_pid(fd),
                          config_destination, path)
            : fmt::format("cannot lock {}: {}", path, std::strerror(error));
    ::close(fd);
    return Error{message};
  }
  write_pid(path);
  return InstanceLock(fd);
}

InstanceLock::InstanceLock(InstanceLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

InstanceLock::~InstanceLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace skylr
