// Shared HAProxy process helpers. A pid file is untrusted: a pid in it may have been
// reused by any process since HAProxy wrote it, so only pids whose executable is haproxy
// are ever handed out to be signalled.
#include "haproxy/process.h"

#include <algorithm>
#include <charconv>
#include <csignal>
#include <string_view>

#include <fmt/format.h>

#include "haproxy/text.h"

namespace skylr::haproxy {
namespace {

// The pid that `word` spells, or 0 when it is not a positive integer.
pid_t parse_pid(std::string_view word) {
  pid_t pid = 0;
  auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), pid);
  if (error != std::errc() || end != word.data() + word.size() || pid <= 0) return 0;
  return pid;
}

}  // namespace

HaproxyProcessSettings haproxy_process_settings(const Config& config) {
  HaproxyProcessSettings settings;
  settings.binary = config.haproxy.binary;
  settings.config_path = config.config_destination;
  settings.users_path = config.users_config_destination;
  // Managed mode needs a pid file even when the config names none.
  settings.pid_file = config.pid_file.empty() ? config.config_destination + ".pid" : config.pid_file;
  settings.master_socket = config.reload.master_socket;
  settings.admin_socket = config.reload.admin_socket;
  return settings;
}

std::vector<std::string> haproxy_config_args(const HaproxyProcessSettings& settings) {
  std::vector<std::string> args = {"-f", settings.config_path};
  if (!settings.users_path.empty()) args.insert(args.end(), {"-f", settings.users_path});
  return args;
}

bool runs_config(const ProcessEntry& process, const std::string& config_path) {
  const std::vector<std::string>& argv = process.argv;
  for (std::size_t i = 0; i + 1 < argv.size(); ++i) {
    if (argv[i] == "-f" && argv[i + 1] == config_path) return true;
  }
  return false;
}

std::vector<pid_t> haproxy_masters(const HaproxyProcessSettings& settings, ProcessRunner& runner) {
  std::vector<ProcessEntry> ours = runner.find_processes("haproxy");
  std::erase_if(ours, [&](const ProcessEntry& p) { return !runs_config(p, settings.config_path); });
  std::vector<pid_t> masters;
  for (const ProcessEntry& process : ours) {
    bool child = std::any_of(ours.begin(), ours.end(),
                             [&](const ProcessEntry& other) { return other.pid == process.parent; });
    if (!child) masters.push_back(process.pid);
  }
  return masters;
}

std::vector<pid_t> haproxy_pids_in_pid_file(const HaproxyProcessSettings& settings,
                                            ProcessRunner& runner, FileSystem& fs,
                                            ControlWarnings& warnings) {
  if (!fs.exists(settings.pid_file)) return {};
  Result<std::string> content = fs.read_file(settings.pid_file);
  if (!content.ok()) {
    warnings.push_back(content.error().message);
    return {};
  }
  std::vector<ProcessEntry> haproxies = runner.find_processes("haproxy");
  auto runs_ours = [&](pid_t pid) {
    return std::any_of(haproxies.begin(), haproxies.end(), [&](const ProcessEntry& process) {
      return process.pid == pid && runs_config(process, settings.config_path);
    });
  };
  std::vector<pid_t> pids;
  for (std::string_view word : split_words(*content)) {
    pid_t pid = parse_pid(word);
    if (pid == 0) {
      warnings.push_back(fmt::format("ignored \"{}\" in {}: not a pid", word, settings.pid_file));
      continue;
    }
    Result<std::string> name = runner.executable_name(pid);
    if (!name.ok()) continue;  // no such process: a stale pid file
    if (!name->starts_with("haproxy")) {
      warnings.push_back(fmt::format("pid {} in {} is \"{}\", not haproxy: not signalled", pid,
                                     settings.pid_file, *name));
      continue;
    }
    if (!runs_ours(pid)) {
      warnings.push_back(fmt::format("pid {} in {} is a haproxy that does not run {}: not signalled",
                                     pid, settings.pid_file, settings.config_path));
      continue;
    }
    if (std::find(pids.begin(), pids.end(), pid) == pids.end()) pids.push_back(pid);
  }
  return pids;
}

bool poll_until(const Clock& clock, std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval, const std::function<bool()>& done) {
  auto step = std::max(interval, std::chrono::milliseconds(1));
  auto attempts = std::max<std::chrono::milliseconds::rep>(1, timeout / step);
  for (decltype(attempts) attempt = 0; attempt < attempts; ++attempt) {
    if (done()) return true;
    if (attempt + 1 < attempts) clock.sleep_for(interval);
  }
  return false;
}

Status stop_haproxy_process(ProcessRunner& runner, const Clock& clock, pid_t pid,
                            const HaproxyProcessSettings& settings) {
  for (int signo : {SIGUSR1, SIGTERM, SIGKILL}) {
    if (!runner.is_running(pid)) return {};
    Status sent = runner.send_signal(pid, signo);
    if (!sent.ok() && runner.is_running(pid)) return sent;
    if (poll_until(clock, settings.stop_timeout, settings.poll_interval,
                   [&] { return !runner.is_running(pid); })) {
      return {};
    }
  }
  return Error{fmt::format("HAProxy process {} did not exit after SIGKILL", pid)};
}

Error with_warnings(Error error, const ControlWarnings& warnings) {
  for (const std::string& warning : warnings) error.message += "\n" + warning;
  return error;
}

}  // namespace skylr::haproxy
