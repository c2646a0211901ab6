#include "sync_stack.h"

#include "skylr/clock.h"
#include "skylr/file_system.h"
#include "skylr/process_runner.h"

namespace skylr::testing {

SyncStack::SyncStack(Config base) : config(std::move(base)) {
  config.marathon_hosts = {MarathonEndpoint{"http", "m1", 8080, ""}};
  config.config_destination = dir.path("haproxy.cfg");
  config.haproxy.binary = SKYLR_HAPROXY;
  config.haproxy.bind_host = "127.0.0.1";
  config.haproxy.server_slots_min = 4;
  config.haproxy.drain_seconds = 30;
  config.reload.admin_socket = dir.path("admin.sock");
  config.reload.master_socket = dir.path("master.sock");
  config.discovery.routes_map = dir.path("skylr-routes.map");
  haproxy = haproxy::make_managed_haproxy(haproxy::haproxy_process_settings(config), default_process_runner(),
                                          socket, default_file_system(), default_clock());
  applier = std::make_unique<apply::ConfigApplier>(apply::apply_settings(config), default_file_system(),
                                                   default_process_runner(), *haproxy, default_clock());
  marathon = std::make_unique<MarathonClient>(config.marathon_hosts, std::nullopt, http);
  updater = std::make_unique<haproxy::RuntimeUpdater>(socket);
  synchronizer = std::make_unique<sync::Synchronizer>(*marathon, *applier, *updater, default_clock());
}

SyncStack::~SyncStack() { CHECK(haproxy->stop().ok()); }

SyncReport SyncStack::sync_answer(const std::string& apps_body) {
  http.answer(kScriptedMarathon, 200, apps_body);
  SyncReport report = synchronizer->sync(config);
  guard.add(read_pid_file(config.config_destination + ".pid"));
  return report;
}

haproxy::ProcList SyncStack::show_proc() {
  Result<std::string> answer = socket.command(config.reload.master_socket, "show proc");
  REQUIRE(answer.ok());
  Result<haproxy::ProcList> procs = haproxy::parse_show_proc(*answer);
  REQUIRE(procs.ok());
  return *procs;
}

std::pair<pid_t, int> SyncStack::worker() {
  haproxy::ProcList procs = show_proc();
  for (const haproxy::ProcWorker& w : procs.workers) {
    if (!w.old) return {w.pid, procs.master_reloads};
  }
  FAIL("no current worker");
  return {0, 0};
}

std::string SyncStack::admin(const std::string& command) {
  Result<std::string> answer = socket.command(config.reload.admin_socket, command);
  REQUIRE(answer.ok());
  return *answer;
}

}  // namespace skylr::testing
