#include "proc_table.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

namespace skylr::testing {

namespace {

// The text of /proc/<pid>/<name>, or "" when it cannot be read.
std::string proc_file(pid_t pid, const char* name) {
  std::ifstream in(fmt::format("/proc/{}/{}", pid, name));
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

ProcEntry proc_entry(pid_t pid) {
  std::string text = proc_file(pid, "stat");
  // "<pid> (<comm>) <state> <ppid> ...": comm may hold spaces and parentheses.
  std::size_t open = text.find('(');
  std::size_t close = text.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close + 4 > text.size()) return {};
  ProcEntry entry;
  entry.pid = pid;
  entry.comm = text.substr(open + 1, close - open - 1);
  entry.state = text[close + 2];
  entry.parent = static_cast<pid_t>(std::atoi(text.c_str() + close + 4));
  return entry;
}

std::vector<ProcEntry> processes_named(const std::string& comm) {
  std::vector<ProcEntry> found;
  std::error_code ignored;
  for (const auto& dir : std::filesystem::directory_iterator("/proc", ignored)) {
    const std::string name = dir.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    ProcEntry entry = proc_entry(static_cast<pid_t>(std::atoi(name.c_str())));
    if (entry.pid != 0 && entry.comm == comm) found.push_back(entry);
  }
  return found;
}

bool runs_as(pid_t pid, const std::string& comm) {
  if (pid <= 0) return false;
  ProcEntry entry = proc_entry(pid);
  return entry.pid == pid && entry.comm == comm && entry.state != 'Z';
}

double process_cpu_ms(pid_t pid) {
  std::string text = proc_file(pid, "stat");
  std::size_t close = text.rfind(')');
  // After the command name: state (field 3), ppid, … utime (14) and stime (15).
  std::istringstream fields(close == std::string::npos ? "" : text.substr(close + 1));
  std::string field;
  double ticks = 0;
  for (int number = 3; number <= 15 && fields >> field; ++number) {
    if (number >= 14) ticks += std::atof(field.c_str());
    if (number == 15) return ticks * 1000.0 / static_cast<double>(::sysconf(_SC_CLK_TCK));
  }
  throw std::runtime_error(fmt::format("process {} does not exist", pid));
}

double process_rss_bytes(pid_t pid) {
  std::string status = proc_file(pid, "status");
  std::size_t at = status.find("\nVmRSS:");
  if (at == std::string::npos) return 0;
  return std::atof(status.c_str() + at + 7) * 1024;  // "VmRSS:   12844 kB"
}

std::set<int> connected_ports(pid_t pid) {
  std::set<std::string> inodes;
  std::error_code ignored;
  for (const auto& fd : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ignored)) {
    std::string target = std::filesystem::read_symlink(fd.path(), ignored).string();
    if (target.starts_with("socket:[")) inodes.insert(target.substr(8, target.size() - 9));
  }
  std::set<int> ports;
  std::ifstream table("/proc/net/tcp");
  std::string line;
  std::getline(table, line);  // the header
  while (std::getline(table, line)) {
    // "sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ..."
    std::istringstream fields(line);
    std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
    fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >> inode;
    if (state != "01" || !inodes.contains(inode)) continue;  // 01: ESTABLISHED
    ports.insert(static_cast<int>(std::strtol(remote.c_str() + remote.find(':') + 1, nullptr, 16)));
  }
  return ports;
}

}  // namespace skylr::testing
