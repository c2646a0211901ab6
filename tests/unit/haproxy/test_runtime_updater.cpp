#include "haproxy/runtime_updater.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "fake_control_socket.h"
#include "test_configs.h"

namespace skylr::haproxy {
namespace {

using Commands = std::vector<std::string>;

constexpr const char* kSocket = "/run/test/admin.sock";
constexpr const char* kShowState = "show servers state";
constexpr const char* kAddr = "set server web_http/slot-1 addr 10.0.0.1 port 31000";
constexpr const char* kAdd = "add server web_http/slot-3 10.0.0.3:31003 check";

// One web_http server as `show servers state` lists it.
struct Row {
  std::string address;
  int port = 0;
  int admin = 0;
};

// A `show servers state` answer for web_http's slot-1 and slot-2.
std::string servers_state(const Row& slot1, const Row& slot2) {
  std::string text = "1\n# be_id be_name srv_id srv_name srv_addr srv_admin_state srv_port\n";
  int index = 0;
  for (const Row& row : {slot1, slot2}) {
    ++index;
    text += fmt::format("3 web_http {} slot-{} {} {} {}\n", index, index, row.address, row.admin,
                        row.port);
  }
  return text;
}

const Row kParked{"0.0.0.0", 0, 5};

Config test_config() {
  Config config = testing::config_with_service("web");
  config.reload.admin_socket = kSocket;
  return config;
}

// "web": slot-1 live at 10.0.0.1:31000, slot-2 free.
SlotTable one_live() {
  return SlotTable{{ServiceSlots{
      "web", {Slot{SlotUse::kLive, Server{"a", "10.0.0.1", 31000, "web.a"}, {}}, Slot{}}}}};
}

// one_live() with slot-3 appended, live at 10.0.0.3:31003.
SlotTable three_live() {
  SlotTable table = one_live();
  table.services[0].slots.push_back(Slot{SlotUse::kLive, Server{"c", "10.0.0.3", 31003, "web.c"}, {}});
  return table;
}

struct Fixture {
  testing::FakeControlSocket socket;
  RuntimeUpdater updater{socket, [](const std::string&) { return std::nullopt; }};
  Config config = test_config();

  // Scripts the success answers of the three commands that make slot-1 ready.
  void script_commands() {
    socket.script(kAddr, std::string("IP changed from '0.0.0.0' to '10.0.0.1', port changed from "
                                     "'+0' to '31000' by 'stats socket command'\n\n"));
    socket.script("enable health web_http/slot-1", std::string("\n"));
    socket.script("set server web_http/slot-1 state ready", std::string("\n"));
  }
};

}  // namespace

TEST_CASE("skylr::haproxy::RuntimeUpdater::update") {
  Fixture f;

  SUBCASE("a free slot taken: read, addresses, health, state, read back") {
    f.socket.script(kShowState, servers_state(kParked, kParked));
    f.socket.script(kShowState, servers_state({"10.0.0.1", 31000, 4}, kParked));
    f.script_commands();
    Result<RuntimeChange> change = f.updater.update(f.config, one_live());
    REQUIRE_MESSAGE(change.ok(), change.error().message);
    CHECK(change->commands == 3);
    CHECK(change->warnings.empty());
    CHECK(f.socket.commands() == Commands{kShowState, kAddr, "enable health web_http/slot-1",
                                          "set server web_http/slot-1 state ready", kShowState});
  }
  SUBCASE("nothing to change: one look, no read-back") {
    f.socket.script(kShowState, servers_state({"10.0.0.1", 31000, 4}, kParked));
    Result<RuntimeChange> change = f.updater.update(f.config, one_live());
    REQUIRE(change.ok());
    CHECK(change->commands == 0);
    CHECK(f.socket.commands() == Commands{kShowState});
  }
  SUBCASE("HAProxy refuses a command: its answer is quoted, nothing more is sent") {
    f.socket.script(kShowState, servers_state(kParked, kParked));
    f.socket.script(kAddr, std::string("Invalid addr '10.0.0.1' by 'stats socket command'\n"));
    Result<RuntimeChange> change = f.updater.update(f.config, one_live());
    REQUIRE_FALSE(change.ok());
    CHECK(change.error().message == fmt::format("HAProxy refused `{}`: Invalid addr '10.0.0.1' by "
                                                "'stats socket command'", kAddr));
    CHECK(f.socket.commands() == Commands{kShowState, kAddr});
  }
  SUBCASE("a state command answered with anything is refused") {
    f.socket.script(kShowState, servers_state({"10.0.0.1", 31000, 5}, kParked));
    f.socket.script("enable health web_http/slot-1", std::string("No such server.\n"));
    Result<RuntimeChange> change = f.updater.update(f.config, one_live());
    REQUIRE_FALSE(change.ok());
    CHECK(change.error().message ==
          "HAProxy refused `enable health web_http/slot-1`: No such server.");
  }
  SUBCASE("the read-back differs") {
    f.socket.script(kShowState, servers_state(kParked, kParked));
    f.socket.script(kShowState, servers_state({"10.0.0.1", 31000, 5}, kParked));
    f.script_commands();
    Result<RuntimeChange> change = f.updater.update(f.config, one_live());
    REQUIRE_FALSE(change.ok());
    CHECK(change.error().message ==
          "HAProxy's servers differ from the wish after the update:\n"
          "web_http/slot-1: wanted ready at 10.0.0.1:31000, HAProxy has it at 10.0.0.1:31000 in "
          "maintenance");
  }
  SUBCASE("HAProxy lacks a slot: it is added, registered, and enabled") {
    f.socket.script(kShowState, servers_state({"10.0.0.1", 31000, 0}, kParked));
    f.socket.script(kShowState, servers_state({"10.0.0.1", 31000, 0}, kParked) +
                                    "3 web_http 3 slot-3 10.0.0.3 0 31003\n");
    f.socket.script(kAdd, std::string("New server registered.\n\n"));
    f.socket.script("enable health web_http/slot-3", std::string("\n"));
    f.socket.script("enable server web_http/slot-3", std::string("\n"));
    Result<RuntimeChange> change = f.updater.update(f.config, three_live());
    REQUIRE_MESSAGE(change.ok(), change.error().message);
    CHECK(change->commands == 3);
    CHECK(f.socket.commands() == Commands{kShowState, kAdd, "enable health web_http/slot-3",
                                          "enable server web_http/slot-3", kShowState});
  }
  SUBCASE("an `add server` answered otherwise is refused") {
    f.socket.script(kShowState, servers_state({"10.0.0.1", 31000, 0}, kParked));
    f.socket.script(kAdd, std::string("Already exists a server with the same name in backend.\n"));
    Result<RuntimeChange> change = f.updater.update(f.config, three_live());
    REQUIRE_FALSE(change.ok());
    CHECK(change.error().message == fmt::format("HAProxy refused `{}`: Already exists a server with the "
                                                "same name in backend.", kAdd));
  }
  SUBCASE("the admin socket cannot be reached") {
    Result<RuntimeChange> change = f.updater.update(f.config, one_live());
    REQUIRE_FALSE(change.ok());
    CHECK(change.error().message == "cannot connect to /run/test/admin.sock: Connection refused");
  }
  SUBCASE("garbage instead of the state") {
    f.socket.script(kShowState, std::string("Unknown command.\n"));
    Result<RuntimeChange> change = f.updater.update(f.config, one_live());
    REQUIRE_FALSE(change.ok());
    CHECK(change.error().message == R"(unexpected show servers state line "Unknown command.")");
  }
  SUBCASE("an unresolvable host: parked, with the warning passed on") {
    f.socket.script(kShowState, servers_state({"10.0.0.1", 31000, 0}, kParked));
    f.socket.script(kShowState, servers_state({"10.0.0.1", 31000, 1}, kParked));
    f.socket.script("set server web_http/slot-1 state maint", std::string("\n"));
    SlotTable named = one_live();
    named.services[0].slots[0].server.address = "agent.invalid";
    Result<RuntimeChange> change = f.updater.update(f.config, named);
    REQUIRE(change.ok());
    CHECK(change->commands == 1);
    CHECK(change->warnings == ControlWarnings{"web_http/slot-1: host agent.invalid does not "
                                              "resolve; the slot stays in maintenance"});
  }
}

TEST_CASE("skylr::haproxy::RuntimeUpdater::slot_sessions") {
  Fixture f;
  SUBCASE("the service's backend's slots, by slot index") {
    f.socket.script("show stat", std::string("# pxname,svname,scur\n"
                                             "web,FRONTEND,9\n"
                                             "web_http,other,5\n"
                                             "web_http,slot-1,2\n"
                                             "web_http,slot-2,0\n"
                                             "web_http,BACKEND,2\n"
                                             "web_tcp,slot-1,1\n"
                                             "other_http,slot-1,7\n"));
    Result<SlotSessions> sessions = f.updater.slot_sessions(f.config);
    REQUIRE(sessions.ok());
    CHECK(*sessions == SlotSessions{{"web", {{0, 2}, {1, 0}}}});
  }
  SUBCASE("failures are passed on") {
    Result<SlotSessions> sessions = f.updater.slot_sessions(f.config);
    REQUIRE_FALSE(sessions.ok());
    CHECK(sessions.error().message == "cannot connect to /run/test/admin.sock: Connection refused");
  }
}

}  // namespace skylr::haproxy
