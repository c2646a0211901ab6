// Zero-reload updates against the real HAProxy: a Synchronizer fed by a scripted Marathon
// drives a managed HAProxy whose backends are HTTP servers on 127.0.0.1. Scaling within
// the slots goes through the Runtime API (the worker stays the same), and beyond them too
// (the new slots are added with `add server`); HAProxy restarted or changed behind Skylr's
// back is brought back in line, an update of some services reads and changes only their
// backends, and a slow request to a removed task completes while its slot drains.
#include <csignal>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "fake_http_client.h"
#include "haproxy/servers_state.h"
#include "haproxy/show_proc.h"
#include "integration_support.h"
#include "skylr/process_runner.h"
#include "sync_stack.h"
#include "test_configs.h"

namespace skylr {

using haproxy::RuntimeChange;
using haproxy::ServerState;
using haproxy::parse_servers_state;

namespace {

using namespace std::chrono_literals;

// A backend task: GET / answers its name, GET /slow answers it after 1.5 s.
std::unique_ptr<testing::TestServer> task_server(const std::string& name) {
  return std::make_unique<testing::TestServer>([name](httplib::Server& server) {
    server.Get("/", [name](const httplib::Request&, httplib::Response& response) {
      response.set_content(name, "text/plain");
    });
    server.Get("/slow", [name](const httplib::Request&, httplib::Response& response) {
      std::this_thread::sleep_for(1500ms);
      response.set_content(name, "text/plain");
    });
  });
}

// The sync stack around one HTTP service "web", with Marathon's tasks started on demand.
struct RuntimeSetup : testing::SyncStack {
  int port;
  std::map<std::string, std::unique_ptr<testing::TestServer>> tasks;

  RuntimeSetup() : RuntimeSetup(testing::free_port()) {}
  explicit RuntimeSetup(int service_port)
      : SyncStack(testing::config_with_service("web", service_port)), port(service_port) {}

  // Marathon now runs exactly `names` (tasks started as needed); one sync.
  SyncReport sync(const std::set<std::string>& names) {
    std::string list;
    for (const std::string& name : names) {
      auto& server = tasks[name];
      if (!server) server = task_server(name);
      if (!list.empty()) list += ",";
      list += fmt::format(R"({{"id":"web.{}","host":"127.0.0.1","ports":[{}],"state":"TASK_RUNNING"}})",
                          name, server->port());
    }
    return sync_answer(R"({"apps":[{"id":"/web","tasks":[)" + list + "]}]}");
  }

  // The names that answer through HAProxy in 4 rounds of round robin over `expected`.
  std::set<std::string> answering(std::size_t expected) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < 4 * expected; ++i) seen.insert(testing::http_get(port));
    return seen;
  }
};


}  // namespace

TEST_CASE("skylr::Synchronizer with HAProxy: scaling within the slots never reloads") {
  RuntimeSetup setup;
  REQUIRE_APPLIED(setup.sync({"a", "b"}), ApplyMethod::kReload);
  CHECK(setup.answering(2) == std::set<std::string>{"a", "b"});
  auto before = setup.worker();

  REQUIRE_APPLIED(setup.sync({"a", "b", "c", "d"}), ApplyMethod::kRuntime);
  CHECK(setup.answering(4) == std::set<std::string>{"a", "b", "c", "d"});
  REQUIRE_APPLIED(setup.sync({"b", "d"}), ApplyMethod::kRuntime);
  CHECK(setup.answering(4) == std::set<std::string>{"b", "d"});
  REQUIRE_APPLIED(setup.sync({"b", "d", "e"}), ApplyMethod::kRuntime);
  CHECK(setup.answering(3) == std::set<std::string>{"b", "d", "e"});

  CHECK(setup.worker() == before);
  CHECK(setup.applier->counters().runtime_updates == 3);
  std::string live = *default_file_system().read_file(setup.config.config_destination);
  CHECK(live.find(fmt::format("127.0.0.1:{} check\n", setup.tasks["e"]->port())) != std::string::npos);
  CHECK(live.find(fmt::format("127.0.0.1:{} check\n", setup.tasks["a"]->port())) == std::string::npos);
}

TEST_CASE("skylr::Synchronizer with HAProxy: beyond the slots, servers are added without a reload") {
  RuntimeSetup setup;
  setup.config.haproxy.server_slots_min = 0;  // one slot per task
  REQUIRE_APPLIED(setup.sync({"a", "b", "c"}), ApplyMethod::kReload);
  auto before = setup.worker();
  SyncReport grown = setup.sync({"a", "b", "c", "d", "e"});
  REQUIRE_APPLIED(grown, ApplyMethod::kRuntime);
  CHECK(grown.apply.runtime_commands == 6);  // add server, enable health, enable server: twice
  CHECK(setup.synchronizer->slots().services.at(0).slots.size() == 5);
  CHECK(setup.worker() == before);
  CHECK(setup.answering(5) == std::set<std::string>{"a", "b", "c", "d", "e"});
  // Up (operational state 2), neither in maintenance nor draining (administrative state 0).
  std::string state = setup.admin("show servers state web_http");
  CHECK(state.find(" slot-4 127.0.0.1 2 0 ") != std::string::npos);
  CHECK(state.find(" slot-5 127.0.0.1 2 0 ") != std::string::npos);

  SUBCASE("HAProxy restarted from the file written afterwards serves the same servers") {
    pid_t master = setup.show_proc().master_pid;
    REQUIRE(::kill(-master, SIGKILL) == 0);
    REQUIRE(testing::wait_for_exit(master, 5s));
    SyncReport rebuilt = setup.sync({"a", "b", "c", "d", "e"});
    REQUIRE_MESSAGE(rebuilt.apply.status != ApplyStatus::kFailed, rebuilt.apply.message);
    CHECK(rebuilt.apply.method == ApplyMethod::kNone);
    CHECK(rebuilt.apply.runtime_commands == 0);  // the file held the added servers
    CHECK(setup.answering(5) == std::set<std::string>{"a", "b", "c", "d", "e"});
  }
  SUBCASE("scaling down and up again within the grown slots") {
    REQUIRE_APPLIED(setup.sync({"a", "e"}), ApplyMethod::kRuntime);
    CHECK(setup.answering(2) == std::set<std::string>{"a", "e"});
    REQUIRE_APPLIED(setup.sync({"a", "e", "f"}), ApplyMethod::kRuntime);
    CHECK(setup.answering(3) == std::set<std::string>{"a", "e", "f"});
    CHECK(setup.worker() == before);
  }
  CHECK(setup.synchronizer->slots().services.at(0).slots.size() == 5);
}

TEST_CASE("skylr::Synchronizer with HAProxy: changes behind Skylr's back are undone") {
  RuntimeSetup setup;
  REQUIRE_APPLIED(setup.sync({"a", "b", "c"}), ApplyMethod::kReload);
  REQUIRE_APPLIED(setup.sync({"b", "c", "d"}), ApplyMethod::kRuntime);  // slot-1 drains
  REQUIRE_APPLIED(setup.sync({"b", "c", "d"}), ApplyMethod::kRuntime);  // idle: parked

  SUBCASE("an operator's commands on the admin socket") {
    CHECK(setup.admin("set server web_http/slot-2 state maint") == "\n");
    CHECK(setup.admin("set server web_http/slot-4 addr 127.0.0.2 port 1").starts_with("IP changed"));
    auto before = setup.worker();
    SyncReport repaired = setup.sync({"b", "c", "d"});
    REQUIRE_APPLIED(repaired, ApplyMethod::kRuntime);
    CHECK(repaired.apply.runtime_commands == 3);  // slot-4's address, slot-2's health and state
    CHECK(setup.worker() == before);
  }
  SUBCASE("HAProxy killed and started again from the written file") {
    pid_t master = setup.show_proc().master_pid;
    REQUIRE(::kill(-master, SIGKILL) == 0);
    REQUIRE(testing::wait_for_exit(master, 5s));
    SyncReport rebuilt = setup.sync({"b", "c", "d"});
    REQUIRE_MESSAGE(rebuilt.apply.status != ApplyStatus::kFailed, rebuilt.apply.message);
    CHECK(rebuilt.apply.method == ApplyMethod::kNone);
    CHECK(rebuilt.apply.runtime_commands == 0);  // the file held the truth
    CHECK(setup.show_proc().master_pid != master);
  }
  CHECK(setup.answering(3) == std::set<std::string>{"b", "c", "d"});
  Result<RuntimeChange> again = setup.updater->update(setup.config, setup.synchronizer->slots());
  REQUIRE(again.ok());
  CHECK(again->commands == 0);  // HAProxy's servers are what the slots say
}

TEST_CASE("skylr::RuntimeUpdater with HAProxy: an update of some services touches only theirs") {
  RuntimeSetup setup;
  setup.config.services["api"] = testing::config_with_service("api", testing::free_port()).services.at("api");
  REQUIRE_APPLIED(setup.sync({"a", "b"}), ApplyMethod::kReload);  // /api is not in Marathon: parked slots
  CHECK(setup.admin("set server web_http/slot-1 state maint") == "\n");
  CHECK(setup.admin("set server api_http/slot-1 state ready") == "\n");
  auto before = setup.worker();

  std::set<std::string> only{"web"};
  Result<RuntimeChange> web = setup.updater->update(setup.config, setup.synchronizer->slots(), &only);
  REQUIRE_MESSAGE(web.ok(), web.error().message);
  CHECK(web->commands == 2);  // web's slot-1: health and state
  CHECK(setup.answering(2) == std::set<std::string>{"a", "b"});
  Result<std::vector<ServerState>> api_state = parse_servers_state(setup.admin("show servers state api_http"));
  REQUIRE(api_state.ok());
  CHECK(api_state->at(0).admin_state == 0x04);  // still as the operator left it: ready

  only = {"api"};
  Result<RuntimeChange> api = setup.updater->update(setup.config, setup.synchronizer->slots(), &only);
  REQUIRE_MESSAGE(api.ok(), api.error().message);
  CHECK(api->commands == 1);  // api's slot-1 back to maintenance
  Result<RuntimeChange> all = setup.updater->update(setup.config, setup.synchronizer->slots());
  REQUIRE(all.ok());
  CHECK(all->commands == 0);
  CHECK(setup.worker() == before);
}

TEST_CASE("skylr::Synchronizer with HAProxy: a slow request to a removed task completes") {
  RuntimeSetup setup;
  REQUIRE_APPLIED(setup.sync({"old"}), ApplyMethod::kReload);
  auto before = setup.worker();
  std::string slow_body;
  std::thread slow([&] {
    httplib::Client client("127.0.0.1", setup.port);
    client.set_read_timeout(10s);
    httplib::Result response = client.Get("/slow");
    slow_body = response ? fmt::format("{} {}", response->status, response->body)
                         : "failed: " + httplib::to_string(response.error());
  });
  REQUIRE(testing::wait_until([&] { return setup.admin("show stat").find("web_http,slot-1,0,0,1,") != std::string::npos; }, 2s));

  REQUIRE_APPLIED(setup.sync({"new"}), ApplyMethod::kRuntime);
  CHECK(setup.answering(2) == std::set<std::string>{"new"});
  CHECK(setup.admin("show servers state web_http").find(" slot-1 127.0.0.1 2 8 ") != std::string::npos);
  CHECK(setup.synchronizer->finish_drains(setup.config).apply.status == ApplyStatus::kUnchanged);
  slow.join();
  CHECK(slow_body == "200 old");

  SyncReport parked = setup.synchronizer->finish_drains(setup.config);
  REQUIRE_APPLIED(parked, ApplyMethod::kRuntime);
  CHECK(setup.admin("show servers state web_http").find(" slot-1 127.0.0.1 0 1 ") != std::string::npos);
  CHECK_FALSE(setup.synchronizer->next_drain_check().has_value());
  CHECK(setup.worker() == before);
}

}  // namespace skylr
