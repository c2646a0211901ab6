#include "haproxy_watch.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>

#include "processes.h"
#include "proc_table.h"

namespace skylr::soak {

using testing::ProcEntry;
using testing::processes_named;
using testing::runs_as;
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(50);
constexpr const char* kHaproxy = "haproxy";

// Reaps the haproxy zombies whose parent is this process (orphans it adopted).
void reap_orphans(const std::vector<ProcEntry>& haproxies) {
  for (const auto& entry : haproxies) {
    if (entry.state == 'Z' && entry.parent == ::getpid()) ::waitpid(entry.pid, nullptr, WNOHANG);
  }
}

// HAProxy's processes among `haproxies`, the master being the one `pid_file` names.
HaproxyProcesses find_haproxy(const std::vector<ProcEntry>& haproxies, const std::string& pid_file) {
  HaproxyProcesses found;
  pid_t named = static_cast<pid_t>(std::atoi(testing::read_file(pid_file).c_str()));
  for (const auto& entry : haproxies) {
    if (entry.pid == named && entry.state != 'Z') found.master = named;
  }
  if (found.master == 0) return found;
  for (const auto& entry : haproxies) {
    if (entry.parent == found.master && entry.state != 'Z') found.workers.push_back(entry.pid);
  }
  return found;
}

}  // namespace

HaproxyWatch::HaproxyWatch(std::string pid_file) : pid_file_(std::move(pid_file)) {
  thread_ = std::thread([this] { run(); });
}

HaproxyWatch::~HaproxyWatch() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

HaproxyProcesses HaproxyWatch::now() const { return find_haproxy(processes_named(kHaproxy), pid_file_); }

void HaproxyWatch::run() {
  while (!stop_) {
    poll();
    std::this_thread::sleep_for(kPollInterval);
  }
}

void HaproxyWatch::poll() {
  auto haproxies = processes_named(kHaproxy);
  reap_orphans(haproxies);
  HaproxyProcesses running = find_haproxy(haproxies, pid_file_);
  TimePoint at = Clock::now();
  std::lock_guard lock(mutex_);
  // Only this run's: the master, its workers, and the orphans adopted from it.
  if (running.master != 0) seen_.insert(running.master);
  seen_.insert(running.workers.begin(), running.workers.end());
  for (const auto& entry : haproxies) {
    if (entry.parent == ::getpid()) seen_.insert(entry.pid);
  }
  if (running.serving()) {
    masters_.insert(running.master);
    served_ = true;
    if (down_since_) outages_.push_back({*down_since_, at});
    down_since_.reset();
  } else if (served_ && !down_since_) {
    down_since_ = at;
  }
}

std::vector<Interval> HaproxyWatch::outages() const {
  std::lock_guard lock(mutex_);
  auto outages = outages_;
  if (down_since_) outages.push_back({*down_since_, Clock::now()});
  return outages;
}

int HaproxyWatch::masters_seen() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(masters_.size());
}

void HaproxyWatch::kill_all() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  poll();
  std::set<pid_t> pids;
  std::set<pid_t> masters;
  {
    std::lock_guard lock(mutex_);
    pids = seen_;
    masters = masters_;
  }
  for (pid_t pid : masters) {
    if (runs_as(pid, kHaproxy)) ::kill(pid, SIGTERM);
  }
  auto any_running = [&] {
    return std::any_of(pids.begin(), pids.end(), [](pid_t pid) { return runs_as(pid, kHaproxy); });
  };
  for (int i = 0; i < 40 && any_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    reap_orphans(processes_named(kHaproxy));
  }
  for (pid_t pid : pids) {
    if (runs_as(pid, kHaproxy)) ::kill(pid, SIGKILL);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  reap_orphans(processes_named(kHaproxy));
}

}  // namespace skylr::soak
