// The managed HaproxyControl: HAProxy in master-worker mode as skylrd's child. A reload
// is the master CLI's `reload` (the master re-executes itself and reads the same -f
// files), verified through `show proc`: the master's reload count must grow without a
// failed reload and a worker that did not exist before must be serving. Exactly one
// master serves the configuration: any other found by the pid file or by its command
// line is taken over when its master CLI answers, and soft-stopped once ours serves
// otherwise.
#include <algorithm>
#include <csignal>
#include <mutex>
#include <optional>

#include <fmt/format.h>

#include "haproxy/control.h"
#include "haproxy/process.h"
#include "haproxy/show_proc.h"

namespace skylr::haproxy {
namespace {

// How long the admin socket may be missing before the master is replaced to bring it back.
constexpr std::chrono::milliseconds kAdminSocketGrace{1000};

// True when `now` lists a current worker that `before` did not list at all.
bool has_new_worker(const ProcList& now, const ProcList& before) {
  return std::any_of(now.workers.begin(), now.workers.end(), [&](const ProcWorker& worker) {
    return !worker.old && std::none_of(before.workers.begin(), before.workers.end(),
                                       [&](const ProcWorker& old) { return old.pid == worker.pid; });
  });
}

// True when `procs` shows master `pid` with a current worker.
bool serving(const ProcList& procs, pid_t pid) {
  return procs.master_pid == pid &&
         std::any_of(procs.workers.begin(), procs.workers.end(),
                     [](const ProcWorker& worker) { return !worker.old; });
}

class ManagedHaproxy final : public HaproxyControl {
 public:
  ManagedHaproxy(HaproxyProcessSettings settings, ProcessRunner& runner, ControlSocket& socket,
                 FileSystem& fs, const Clock& clock)
      : settings_(std::move(settings)), runner_(runner), socket_(socket), fs_(fs), clock_(clock) {}

  Result<ControlWarnings> ensure_running() override {
    std::lock_guard lock(mutex_);
    return ensure_started();
  }

  Result<ControlWarnings> reload() override {
    std::lock_guard lock(mutex_);
    if (!master_ || !runner_.is_running(*master_)) {
      Result<ControlWarnings> started = ensure_started();
      if (started.ok()) started->push_back("HAProxy was not running: started it instead of a reload");
      return started;
    }
    return reload_master();
  }

  Status stop() override {
    std::lock_guard lock(mutex_);
    if (!master_) return {};
    pid_t pid = *master_;
    master_.reset();
    return stop_haproxy_process(runner_, clock_, pid, settings_);
  }

  SupervisionReport supervise() override {
    std::lock_guard lock(mutex_);
    if (!master_) return {false, false, "HAProxy has not been started yet", {}};
    if (!runner_.is_running(*master_)) {
      std::string reason = runner_.exit_reason(*master_);
      return restart(fmt::format("HAProxy master {} {}", *master_, reason.empty() ? "exited" : reason));
    }
    if (!fs_.exists(settings_.master_socket)) {
      return restart(fmt::format("the master socket {} of HAProxy master {} is gone",
                                 settings_.master_socket, *master_));
    }
    Result<ProcList> procs = show_proc();
    if (!procs.ok()) {
      return restart(fmt::format("the master CLI of HAProxy master {} does not answer: {}", *master_,
                                 procs.error().message));
    }
    if (!serving(*procs, *master_)) {
      return reload_for(fmt::format("HAProxy master {} has no worker", *master_));
    }
    if (admin_socket_lost()) {
      return restart(fmt::format("the admin socket {} of HAProxy master {} is gone", settings_.admin_socket,
                                 *master_));
    }
    return {true, false, "", {}};
  }

 private:
  // True once the admin socket has been missing for kAdminSocketGrace: a worker creates it
  // a moment after it starts, and a reload does not bring it back (the new worker inherits
  // the listener), so only a new master does.
  bool admin_socket_lost() {
    if (settings_.admin_socket.empty() || fs_.exists(settings_.admin_socket)) {
      admin_missing_since_.reset();
      return false;
    }
    if (!admin_missing_since_) admin_missing_since_ = clock_.now();
    return clock_.now() - *admin_missing_since_ >= kAdminSocketGrace;
  }

  Result<ControlWarnings> ensure_started() {
    ControlWarnings warnings;
    if (master_ && runner_.is_running(*master_)) return warnings;
    if (master_) warnings.push_back(fmt::format("HAProxy master {} had exited", *master_));
    master_.reset();
    std::vector<pid_t> strays;
    Status started = adopt(warnings, strays) ? Status() : start();
    if (!started.ok()) return with_warnings(started.error(), warnings);
    soft_stop(strays, warnings);
    return warnings;
  }

  Result<ControlWarnings> reload_master() {
    Result<ProcList> before = show_proc();
    if (!before.ok()) {
      return Error{"cannot list HAProxy's processes before the reload: " + before.error().message};
    }
    Result<std::string> sent = socket_.command(settings_.master_socket, "reload");
    if (!sent.ok()) return Error{"cannot ask HAProxy to reload: " + sent.error().message};
    Status verified = verify_reload(*before);
    if (!verified.ok()) return verified.error();
    return ControlWarnings{};
  }

  // Starts HAProxy again after `problem`: a new master on the config files as they are,
  // which then soft-stops any master it replaces (one whose socket is gone, say).
  SupervisionReport restart(std::string problem) {
    std::optional<pid_t> replaced = master_;
    master_.reset();
    ControlWarnings warnings;
    std::vector<pid_t> strays;
    Status started = adopt(warnings, strays, replaced) ? Status() : start();
    if (!started.ok()) {
      return {false, false, problem + "; cannot start it again: " + started.error().message, warnings};
    }
    bool replaced_runs = replaced && runner_.is_running(*replaced);
    if (replaced_runs && std::find(strays.begin(), strays.end(), *replaced) == strays.end()) {
      strays.push_back(*replaced);
    }
    soft_stop(strays, warnings);
    return {true, true, std::move(problem), std::move(warnings)};
  }

  // Reloads HAProxy to repair `problem` (a reload brings back workers and sockets).
  SupervisionReport reload_for(std::string problem) {
    Result<ControlWarnings> reloaded = reload_master();
    if (!reloaded.ok()) return {false, false, problem + "; the reload failed: " + reloaded.error().message, {}};
    return {true, false, problem + "; reloaded", std::move(*reloaded)};
  }

  Result<ProcList> show_proc() {
    Result<std::string> answer = socket_.command(settings_.master_socket, "show proc");
    if (!answer.ok()) return answer.error();
    return parse_show_proc(*answer);
  }

  // Takes over a master running this configuration that a previous skylrd left: one named
  // in the pid file or found by its command line (`-f <config>`) that answers on the
  // master socket as master, other than `replaced` (a master being replaced). The others
  // found serve this configuration beside it: they land in `strays`, to be stopped once a
  // new master serves.
  bool adopt(ControlWarnings& warnings, std::vector<pid_t>& strays,
             std::optional<pid_t> replaced = std::nullopt) {
    std::vector<pid_t> candidates = haproxy_pids_in_pid_file(settings_, runner_, fs_, warnings);
    for (pid_t pid : haproxy_masters(settings_, runner_)) {
      if (std::find(candidates.begin(), candidates.end(), pid) == candidates.end()) candidates.push_back(pid);
    }
    if (candidates.empty()) return false;
    Result<ProcList> procs = show_proc();
    std::optional<pid_t> answering;
    if (procs.ok()) answering = procs->master_pid;
    for (pid_t pid : candidates) {
      if (!master_ && answering == pid && replaced != pid) {
        master_ = pid;
        warnings.push_back(fmt::format("took over the running HAProxy master {}", pid));
      } else {
        strays.push_back(pid);
      }
    }
    return master_.has_value();
  }

  // Asks each of `pids` (HAProxy masters serving this configuration besides ours) to
  // finish its connections and exit (SIGUSR1, HAProxy's soft stop).
  void soft_stop(const std::vector<pid_t>& pids, ControlWarnings& warnings) {
    for (pid_t pid : pids) {
      Status sent = runner_.send_signal(pid, SIGUSR1);
      warnings.push_back(sent.ok() ? fmt::format("soft-stopped HAProxy {}, which served {} beside master {}",
                                                 pid, settings_.config_path, *master_)
                                   : sent.error().message);
    }
  }

  Status start() {
    std::vector<std::string> argv = {settings_.binary, "-W", "-S",
                                     settings_.master_socket + ",mode,600"};
    std::vector<std::string> files = haproxy_config_args(settings_);
    argv.insert(argv.end(), files.begin(), files.end());
    argv.insert(argv.end(), {"-p", settings_.pid_file});
    Result<pid_t> pid = runner_.spawn(argv);
    if (!pid.ok()) return Error{"cannot start HAProxy: " + pid.error().message};
    bool exited = false;
    bool up = poll_until(clock_, settings_.start_timeout, settings_.poll_interval, [&] {
      exited = !runner_.is_running(*pid);
      if (exited) return true;
      Result<ProcList> procs = show_proc();
      return procs.ok() && serving(*procs, *pid);
    });
    if (exited) return Error{"HAProxy exited while starting (its messages are in skylrd's log)"};
    if (!up) {
      (void)stop_haproxy_process(runner_, clock_, *pid, settings_);
      return Error{fmt::format("HAProxy did not serve on master socket {} within {} ms",
                               settings_.master_socket, settings_.start_timeout.count())};
    }
    master_ = *pid;
    return {};
  }

  // Polls `show proc` until the reload that followed `before` is done.
  Status verify_reload(const ProcList& before) {
    Status verdict = Error{"no answer"};
    bool decided = poll_until(clock_, settings_.reload_timeout, settings_.poll_interval, [&] {
      if (!runner_.is_running(*master_)) {
        verdict = Error{fmt::format("the HAProxy master {} exited during the reload", *master_)};
        return true;
      }
      Result<ProcList> now = show_proc();
      if (!now.ok()) {
        verdict = now.error();
        return false;
      }
      if (now->master_reloads <= before.master_reloads) {
        verdict = Error{"the master has not reloaded yet"};
        return false;
      }
      if (now->failed_reloads > before.failed_reloads) {
        verdict = Error{"HAProxy could not load the new configuration (its master reports a "
                        "failed reload); it keeps serving the previous one"};
        return true;
      }
      if (has_new_worker(*now, before)) {
        verdict = Status();
        return true;
      }
      verdict = Error{"no new worker yet"};
      return false;
    });
    if (decided) return verdict;
    return Error{fmt::format("HAProxy showed no new worker within {} ms after the reload ({})",
                             settings_.reload_timeout.count(), verdict.error().message)};
  }

  HaproxyProcessSettings settings_;
  ProcessRunner& runner_;
  ControlSocket& socket_;
  FileSystem& fs_;
  const Clock& clock_;
  std::mutex mutex_;              // serialises every public call
  std::optional<pid_t> master_;  // the master this control started or took over
  std::optional<std::chrono::steady_clock::time_point> admin_missing_since_;
};

}  // namespace

std::unique_ptr<HaproxyControl> make_managed_haproxy(HaproxyProcessSettings settings,
                                                     ProcessRunner& runner, ControlSocket& socket,
                                                     FileSystem& fs, const Clock& clock) {
  return std::make_unique<ManagedHaproxy>(std::move(settings), runner, socket, fs, clock);
}

}  // namespace skylr::haproxy
