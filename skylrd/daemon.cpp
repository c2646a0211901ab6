#include "daemon.h"

#include <fmt/format.h>
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <string_view>
#include <thread>
#include <vector>

#include "event_stream.h"
#include "haproxy_output.h"
#include "haproxy_watch.h"
#include "http_api.h"
#include "instance_lock.h"
#include "listen_socket.h"
#include "log.h"
#include "marathon_peers.h"
#include "one_line.h"
#include "readiness.h"
#include "skylr/config.h"
#include "skylr/httplib_client.h"
#include "skylr/pipeline.h"
#include "sync_loop.h"

namespace skylr {
namespace {

// How often the supervisor looks at HAProxy: a dead HAProxy serves again within about
// this plus its start time.
constexpr std::chrono::milliseconds kHaproxyWatchInterval{250};

// The signals skylrd handles, blocked in every thread and taken with sigwait.
sigset_t daemon_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  for (int signo : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&signals, signo);
  return signals;
}

// The config file with --listen applied.
Result<Config> load_with_overrides(const DaemonOptions& options) {
  Result<Config> config = load_config_file(default_file_system(), options.config_path);
  if (!config) return config;
  if (Status jobs = prepare_job_updates(default_file_system(), *config); !jobs) {
    return prefix_lines(options.config_path, jobs.error());
  }
  if (options.listen.empty()) return config;
  Result<ListenAddress> listen = parse_listen_address(options.listen);
  if (!listen) return Error{fmt::format("--listen {}: {}", options.listen, listen.error().message)};
  config->listen = *listen;
  return config;
}

PeerAllowlist marathon_peers(const Config& config) {
  std::vector<std::string> unresolved;
  PeerAllowlist peers = resolve_marathon_peers(config, default_resolver(), unresolved);
  for (const std::string& host : unresolved) {
    log_line(LogLevel::kWarning,
             fmt::format("callbacks: marathon host {} does not resolve; its callbacks are refused", host));
  }
  return peers;
}

// Asks Marathon to POST its events to events.callback_url.
void subscribe_to_callbacks(const Config& config, MarathonClient& marathon) {
  if (!config.events.subscribe) return;
  auto answer = marathon.send("POST", "/v2/eventSubscriptions?callbackUrl=" + config.events.callback_url, "");
  if (!answer) {
    log_line(LogLevel::kError, "callbacks: cannot subscribe: " + answer.error().message);
  } else {
    log_line(fmt::format("callbacks: subscribed {} (HTTP {})", config.events.callback_url, answer->status));
  }
}

// What a SIGHUP changes and where it is reported.
struct ReloadContext {
  SharedConfig& shared;
  Notifications& notifications;
  StatusBoard& board;
  Metrics& metrics;
};

// Re-reads the config file on SIGHUP; settings fixed at start-up keep their old values.
// The outcome goes to the log, the status board and the metrics; returns it in one line
// for the service manager.
std::string reload_config(const DaemonOptions& options, const ReloadContext& context) {
  Result<Config> next = load_with_overrides(options);
  context.metrics.count_config_reload(next.ok());
  if (!next) {
    log_line(LogLevel::kError, "SIGHUP: config refused, keeping the current one: " + next.error().message);
    std::vector<std::string_view> problems = text_lines(next.error().message);
    context.board.record_config_reload(std::chrono::system_clock::now(), {problems.begin(), problems.end()});
    return "SIGHUP: config refused, keeping the current one (see the log)";
  }
  context.board.record_config_reload(std::chrono::system_clock::now(), {});
  SharedConfig& shared = context.shared;
  std::shared_ptr<const Config> current = shared.get();
  next->listen = current->listen;
  next->marathon_hosts = current->marathon_hosts;
  next->marathon_timeouts = current->marathon_timeouts;
  next->reload.mode = current->reload.mode;
  log_line("SIGHUP: config reloaded (listen, marathon_hosts, marathon_timeouts and reload.mode change "
           "only on restart)");
  shared.set(std::move(*next));
  context.notifications.notify("config_reloaded");
  return "SIGHUP: config reloaded";
}

// Waits for SIGTERM/SIGINT, handling SIGHUP meanwhile (the service manager sees each
// reload begin and end).
void wait_for_stop(const DaemonOptions& options, const ReloadContext& context, Readiness& readiness) {
  sigset_t signals = daemon_signals();
  for (;;) {
    int signo = 0;
    sigwait(&signals, &signo);
    if (signo != SIGHUP) {
      log_line(fmt::format("received {}; finishing the apply in progress", signo == SIGINT ? "SIGINT" : "SIGTERM"));
      return;
    }
    readiness.reloading();
    readiness.ready(reload_config(options, context));
  }
}

}  // namespace

int run_daemon(const DaemonOptions& options) {
  sigset_t signals = daemon_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  set_log_format(options.log_format);
  Result<Config> loaded = load_with_overrides(options);
  if (!loaded) {
    log_line(LogLevel::kError, loaded.error().message);
    return 1;
  }
  Result<InstanceLock> lock = InstanceLock::acquire(loaded->config_destination);
  if (!lock) {
    log_line(LogLevel::kError, lock.error().message);
    return 1;
  }
  auto shared = std::make_shared<SharedConfig>(std::move(*loaded));
  std::shared_ptr<const Config> config = shared->get();
  auto notifications = std::make_shared<Notifications>(
      std::chrono::milliseconds(config->reload.min_interval_ms), std::chrono::milliseconds(20));
  auto metrics = std::make_shared<Metrics>();
  StatusBoard board;
  // HAProxy's own messages come into skylrd's log, prefixed, instead of mixed in raw.
  std::unique_ptr<ProcessRunner> processes = piped_process_runner(log_haproxy_output);
  std::unique_ptr<Pipeline> pipeline = Pipeline::open(*config, httplib_client(), *processes);
  MarathonClient& marathon = pipeline->marathon();
  PeerAllowlist peers = marathon_peers(*config);

  httplib::Server server;
  install_http_api(server, {shared.get(), &peers, notifications.get(), metrics.get(), &board, &marathon});
  Result<int> port = bind_exclusively(server, config->listen);
  if (!port) {
    log_line(LogLevel::kError, port.error().message);
    return 1;
  }
  std::printf("skylrd listening on %s:%d\n", config->listen.host.c_str(), *port);
  std::fflush(stdout);

  std::thread http_thread([&server] { server.listen_after_bind(); });
  Readiness& readiness = systemd_readiness();
  SyncLoop loop(*shared, *pipeline, *notifications, *metrics, board, readiness);
  std::thread sync_thread([&loop] { loop.run(); });
  HaproxyWatch watch(*pipeline, board, *metrics, kHaproxyWatchInterval);
  std::thread watch_thread([&watch] { watch.run(); });
  if (config->events.sse) {
    std::thread(follow_event_stream, EventStreamContext{shared, notifications, metrics, &httplib_client(), {}})
        .detach();
  }
  std::thread subscriber([&] { subscribe_to_callbacks(*config, marathon); });

  wait_for_stop(options, {*shared, *notifications, board, *metrics}, readiness);
  readiness.stopping();
  marathon.cancel();  // a sync, job update or subscription waiting on Marathon ends now
  server.stop();
  notifications->stop();
  watch.stop();
  watch_thread.join();
  subscriber.join();
  sync_thread.join();
  http_thread.join();
  if (options.stop_haproxy_on_exit) {
    Status stopped = pipeline->stop_haproxy();
    if (!stopped) log_line(LogLevel::kError, "haproxy: " + stopped.error().message);
  }
  log_line("skylrd stopped");
  return 0;
}

}  // namespace skylr
