// The managed HaproxyControl: HAProxy in master-worker mode as skylrd's child. A reload
// is the master CLI's `reload` (the master re-executes itself and reads the same -f
// files), verified through `show proc`: the master's reload count must grow without a
// failed reload and a worker that did not exist before must be serving.
#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "haproxy/control.h"
#include "haproxy/process.h"
#include "haproxy/show_proc.h"

namespace skylr::haproxy {
namespace {

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
    ControlWarnings warnings;
    if (master_ && runner_.is_running(*master_)) return warnings;
    if (master_) warnings.push_back(fmt::format("HAProxy master {} had exited", *master_));
    master_.reset();
    if (adopt(warnings)) return warnings;
    Status started = start();
    if (!started.ok()) return with_warnings(started.error(), warnings);
    return warnings;
  }

  Result<ControlWarnings> reload() override {
    if (!master_ || !runner_.is_running(*master_)) {
      Result<ControlWarnings> started = ensure_running();
      if (started.ok()) started->push_back("HAProxy was not running: started it instead of a reload");
      return started;
    }
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

  Status stop() override {
    if (!master_) return {};
    pid_t pid = *master_;
    master_.reset();
    return stop_haproxy_process(runner_, clock_, pid, settings_);
  }

 private:
  Result<ProcList> show_proc() {
    Result<std::string> answer = socket_.command(settings_.master_socket, "show proc");
    if (!answer.ok()) return answer.error();
    return parse_show_proc(*answer);
  }

  // Takes over a master that a previous skylrd left running: the pid file names a
  // haproxy process that answers on the master socket as master.
  bool adopt(ControlWarnings& warnings) {
    for (pid_t pid : haproxy_pids_in_pid_file(settings_, runner_, fs_, warnings)) {
      Result<ProcList> procs = show_proc();
      if (procs.ok() && procs->master_pid == pid) {
        master_ = pid;
        warnings.push_back(fmt::format("took over the running HAProxy master {}", pid));
        return true;
      }
    }
    return false;
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
  std::optional<pid_t> master_;  // the master this control started or took over
};

}  // namespace

std::unique_ptr<HaproxyControl> make_managed_haproxy(HaproxyProcessSettings settings,
                                                     ProcessRunner& runner, ControlSocket& socket,
                                                     FileSystem& fs, const Clock& clock) {
  return std::make_unique<ManagedHaproxy>(std::move(settings), runner, socket, fs, clock);
}

}  // namespace skylr::haproxy
