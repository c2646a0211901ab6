// The real ProcessRunner: fork and exec on a POSIX host (Linux: executable names come
// from /proc). Children run in their own process group with stdin from /dev/null and
// the parent's signal mask and ignored signals reset. Thread-safe.
#pragma once

#include "skylr/process_runner.h"

namespace skylr {

// The process-wide POSIX ProcessRunner. It remembers the pids it spawned so that
// is_running() can reap them.
ProcessRunner& posix_process_runner();

}  // namespace skylr
