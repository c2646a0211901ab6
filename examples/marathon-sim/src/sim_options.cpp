#include "sim_options.h"

namespace skylr::sim {
namespace {

constexpr const char* kFooter = R"(Simulator-only endpoints (not part of Marathon):
  POST /_sim/leader?available=false|true   no leader: /v2/leader answers 404 and other
                                           /v2 calls 503; event streams close
  POST /_sim/events/stream/close           close every GET /v2/events stream
  POST /_sim/tasks/{taskId}/unhealthy      mark a running task unhealthy (its app needs
  POST /_sim/tasks/{taskId}/healthy        healthChecks); emits health_status_changed_event
  POST /_sim/answers/apps?fault=F[&app=ID][&times=N]
                                           the next N (1) GET /v2/apps answers list no app
                                           (F=empty) or give app ID without tasks
                                           (tasks-missing) or with "tasks":null (tasks-null);
                                           fault=none answers truly again
With --standby-of, every request (events and /_sim/ included) goes to that simulator,
which answers it even without a leader; GET /v2/leader names the standby then.
The first stdout line is "marathon-sim listening on <host>:<port>". SIGINT/SIGTERM stop it.)";

// Success unless --standby-of is set with state of its own or a bad primary address.
Status check_standby(const SimOptions& options) {
  if (options.standby_of.empty()) return {};
  if (!options.apps_file.empty() || options.launch) {
    return Error{"--standby-of: a standby has no apps or tasks of its own (no --apps, --launch)"};
  }
  std::size_t colon = options.standby_of.rfind(':');
  int port = colon == std::string::npos ? 0 : std::atoi(options.standby_of.c_str() + colon + 1);
  if (colon == std::string::npos || !is_loopback(options.standby_of.substr(0, colon)) || port <= 0 ||
      port > 65535) {
    return Error{"--standby-of " + options.standby_of + ": expected a loopback HOST:PORT"};
  }
  return {};
}

}  // namespace

void setup_cli(CLI::App& app, SimOptions& options) {
  app.description("marathon-sim: a Marathon (REST API, events, tasks) simulator for tests and demos");
  app.add_option("--host", options.host, "Address to listen on (loopback only)")->capture_default_str();
  app.add_option("--port", options.port, "Port to listen on; 0 picks a free port")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  app.add_option("--apps", options.apps_file, "JSON file {\"apps\":[...]} of apps running at start-up")
      ->check(CLI::ExistingFile);
  app.add_option("--stage-ms", options.stage_ms, "Milliseconds a new task stays TASK_STAGING")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--heartbeat-ms", options.heartbeat_ms, "Milliseconds between SSE heartbeats")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_flag("--launch", options.launch,
               "Run each task as a tiny HTTP server answering GET / (without it, only the tasks of "
               "apps labelled \"MARATHON_SIM_LAUNCH\": \"true\")");
  app.add_option("--kill-grace-ms", options.kill_grace_ms,
                 "With --launch, a killed task keeps answering this long, like an app draining "
                 "on SIGTERM during Marathon's kill grace period")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--credentials", options.credentials, "user:pass required as HTTP basic auth");
  app.add_option("--standby-of", options.standby_of,
                 "HOST:PORT of another marathon-sim: run as a standby master of its cluster, "
                 "forwarding every request to it (and leading while it has no leader)");
  app.footer(kFooter);
}

bool is_loopback(std::string_view host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

Status check_options(const SimOptions& options) {
  if (!is_loopback(options.host)) {
    return Error{"--host " + options.host + ": marathon-sim only listens on loopback addresses"};
  }
  if (!options.credentials.empty() && options.credentials.find(':') == std::string::npos) {
    return Error{"--credentials: expected user:pass"};
  }
  if (options.stage_ms < 0 || options.heartbeat_ms <= 0) {
    return Error{"--stage-ms must be >= 0 and --heartbeat-ms > 0"};
  }
  return check_standby(options);
}

}  // namespace skylr::sim
