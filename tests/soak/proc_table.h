// The processes of the machine as /proc lists them, for finding HAProxy's and the
// connections of skylrd. Reads /proc at each call; thread-safe.
#pragma once

#include <sys/types.h>

#include <set>
#include <string>
#include <vector>

namespace skylr::soak {

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

// The remote ports of `pid`'s established TCP connections over IPv4 (its sockets found
// in /proc/<pid>/fd, their connections in /proc/net/tcp).
std::set<int> connected_ports(pid_t pid);

}  // namespace skylr::soak
