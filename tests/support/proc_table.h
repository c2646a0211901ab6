// The processes of the machine as /proc lists them, for the programs that watch Skylr's
// processes from outside (the soak, the benchmarks): finding HAProxy's, skylrd's
// connections, what a process costs (CPU time, resident memory). Reads /proc at each
// call; thread-safe.
#pragma once

#include <sys/types.h>

#include <set>
#include <string>
#include <vector>

namespace skylr::testing {

// One process: /proc/<pid>/stat's pid, command name, state letter and parent.
struct ProcEntry {
  pid_t pid = 0;
  std::string comm;
  char state = '?';  // 'Z': a zombie, ended but not reaped
  pid_t parent = 0;
};

// Every process whose command name is `comm`, zombies included.
std::vector<ProcEntry> processes_named(const std::string& comm);

// `pid`'s entry, or an entry with pid 0 when it does not exist.
ProcEntry proc_entry(pid_t pid);

// True when `pid` runs (exists and is no zombie) under the command name `comm`.
bool runs_as(pid_t pid, const std::string& comm);

// User + system CPU time of `pid` so far (all its threads, ended ones included), in
// milliseconds at the kernel's clock tick (10 ms with USER_HZ 100); throws
// std::runtime_error when the process does not exist.
double process_cpu_ms(pid_t pid);

// The resident set of `pid` (VmRSS) in bytes; 0 when the process does not exist.
double process_rss_bytes(pid_t pid);

// The remote ports of `pid`'s established TCP connections over IPv4 (its sockets found
// in /proc/<pid>/fd, their connections in /proc/net/tcp).
std::set<int> connected_ports(pid_t pid);

}  // namespace skylr::testing
