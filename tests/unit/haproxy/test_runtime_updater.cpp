#include "haproxy/runtime_updater.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <set>
#include <string>
#include <vector>

#include "fake_control_socket.h"
#include "fake_haproxy_runtime.h"
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

// Services "svc-00", "svc-01", …, each with one task in its one slot, and the HAProxy
// configuration that serves them so (backends and server lines only).
struct Many {
  Config config;
  SlotTable slots;
  std::set<std::string> names;
  std::string haproxy_config;

  explicit Many(std::size_t count) {
    config.reload.admin_socket = kSocket;
    for (std::size_t i = 0; i < count; ++i) {
      std::string name = fmt::format("svc-{:02}", i);
      int port = 31000 + static_cast<int>(i);
      config.services[name] = testing::config_with_service(name).services.at(name);
      slots.services.push_back(ServiceSlots{name, {Slot{SlotUse::kLive, Server{"t", "10.0.0.1", port, "t"}, {}}}});
      names.insert(name);
      haproxy_config += fmt::format("backend {}_http\n    server slot-1 10.0.0.1:{} check\n", name, port);
    }
  }
};

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

TEST_CASE("skylr::haproxy::RuntimeUpdater::update of some services") {
  Many many(3);
  testing::FakeHaproxyRuntime runtime;
  runtime.load(many.haproxy_config);
  RuntimeUpdater updater{runtime, [](const std::string&) { return std::nullopt; }};
  auto update = [&](const std::set<std::string>& only) {
    runtime.clear_commands();
    return updater.update(many.config, many.slots, &only);
  };

  SUBCASE("only their backends are read, before and after, and only their servers changed") {
    runtime.server("svc-01_http/slot-1").forced = 0x01;
    runtime.server("svc-02_http/slot-1").forced = 0x01;
    Result<RuntimeChange> change = update({"svc-01", "gone"});
    REQUIRE_MESSAGE(change.ok(), change.error().message);
    CHECK(runtime.commands() == Commands{"show servers state svc-01_http", "enable health svc-01_http/slot-1",
                                         "set server svc-01_http/slot-1 state ready",
                                         "show servers state svc-01_http"});
    CHECK(runtime.admin_state("svc-02_http/slot-1") == 0x01);
  }
  SUBCASE("none: nothing is read") {
    Result<RuntimeChange> change = update({});
    REQUIRE(change.ok());
    CHECK(runtime.commands().empty());
  }
  SUBCASE("a backend HAProxy does not have") {
    many.config.services["svc-09"] = testing::config_with_service("svc-09").services.at("svc-09");
    many.slots.services.push_back(ServiceSlots{"svc-09", {Slot{}}});
    Result<RuntimeChange> change = update({"svc-09"});
    REQUIRE_FALSE(change.ok());
    CHECK(change.error().message == R"(unexpected show servers state line "Can't find backend.")");
  }
}

TEST_CASE("skylr::haproxy::RuntimeUpdater::update of many services reads the whole table once") {
  for (std::size_t count : {RuntimeUpdater::kMaxTargetedServices, RuntimeUpdater::kMaxTargetedServices + 1}) {
    CAPTURE(count);
    Many many(count);
    testing::FakeHaproxyRuntime runtime;
    runtime.load(many.haproxy_config);
    RuntimeUpdater updater{runtime, [](const std::string&) { return std::nullopt; }};
    Result<RuntimeChange> change = updater.update(many.config, many.slots, &many.names);
    REQUIRE(change.ok());
    CHECK(change->commands == 0);
    bool targeted = count <= RuntimeUpdater::kMaxTargetedServices;
    CHECK(runtime.commands().size() == (targeted ? count : 1));
    CHECK(runtime.commands().back() ==
          (targeted ? fmt::format("show servers state svc-{:02}_http", count - 1) : "show servers state"));
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

TEST_CASE("skylr::haproxy::RuntimeUpdater::send_all") {
  Fixture f;
  const std::string set = "set ssl cert /etc/skylr/store/a.pem <<\n-----BEGIN CERTIFICATE-----\nMIIBcert\n"
                          "-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIGHsecretkey\n"
                          "-----END PRIVATE KEY-----\n";
  const std::string commit = "commit ssl cert /etc/skylr/store/a.pem";

  SUBCASE("a certificate's `set ssl cert` and `commit ssl cert`, each answer accepted") {
    f.socket.script(set, std::string("Transaction created for certificate /etc/skylr/store/a.pem!\n"));
    f.socket.script(commit, std::string("Committing /etc/skylr/store/a.pem\nSuccess!\n"));
    Result<RuntimeChange> change = f.updater.send_all(f.config, {set, commit});
    REQUIRE_MESSAGE(change.ok(), change.error().message);
    CHECK(change->commands == 2);
    CHECK(change->warnings.empty());
    CHECK(f.socket.commands() == Commands{set, commit});
  }
  SUBCASE("a refused command is quoted by its first line only, never its payload; nothing more is sent") {
    const struct {
      const char* set_answer;
      const char* commit_answer;
      const char* message;
      Commands sent;
    } cases[] = {
        {"Can't replace a certificate which is not referenced by the configuration!\n",
         "Committing /etc/skylr/store/a.pem\nSuccess!\n",
         "HAProxy refused `set ssl cert /etc/skylr/store/a.pem <<`: Can't replace a certificate which is not "
         "referenced by the configuration!",
         {set}},
        {"Transaction updated for certificate /etc/skylr/store/a.pem!\n", "Committing /etc/skylr/store/a.pem\nFailed!\n",
         "HAProxy refused `commit ssl cert /etc/skylr/store/a.pem`: Committing /etc/skylr/store/a.pem\nFailed!",
         {set, commit}},
    };
    for (const auto& c : cases) {
      CAPTURE(c.message);
      testing::FakeControlSocket socket;
      RuntimeUpdater updater{socket, [](const std::string&) { return std::nullopt; }};
      socket.script(set, std::string(c.set_answer));
      socket.script(commit, std::string(c.commit_answer));
      Result<RuntimeChange> change = updater.send_all(f.config, {set, commit});
      REQUIRE_FALSE(change.ok());
      CHECK(change.error().message == c.message);
      CHECK(change.error().message.find("secretkey") == std::string::npos);
      CHECK(socket.commands() == c.sent);
    }
  }
  SUBCASE("a certificate added to and taken out of a crt-list: each answer as HAProxy 2.6 gives it") {
    const struct {
      std::string command;
      const char* accepted;
      const char* refused;
    } cases[] = {
        {"new ssl cert /s/b.pem", "New empty certificate store '/s/b.pem'!\n", "Certificate '/s/b.pem' already exists!\n"},
        {"add ssl crt-list /s.list /s/b.pem", "Inserting certificate '/s/b.pem' in crt-list '/s.list'.\nSuccess!\n",
         "Inserting certificate '/s/b.pem' in crt-list '/s.list'.\nFailed!\n"},
        {"del ssl crt-list /s.list /s/b.pem", "Entry '/s/b.pem' deleted in crtlist '/s.list'!\n",
         "Can't find the entry '/s/b.pem' in crt-list '/s.list'!\n"},
        {"del ssl cert /s/b.pem", "Certificate '/s/b.pem' deleted!\n", "Certificate '/s/b.pem' in use, can't be deleted!\n"},
    };
    for (const auto& c : cases) {
      for (const auto& [answer, ok] : {std::pair{c.accepted, true}, std::pair{c.refused, false}}) {
        CAPTURE(c.command);
        CAPTURE(answer);
        testing::FakeControlSocket socket;
        RuntimeUpdater updater{socket, [](const std::string&) { return std::nullopt; }};
        socket.script(c.command, std::string(answer));
        CHECK(updater.send_all(f.config, {c.command}).ok() == ok);
      }
    }
  }
  SUBCASE("no commands: the socket is not used") {
    Result<RuntimeChange> change = f.updater.send_all(f.config, {});
    REQUIRE(change.ok());
    CHECK(change->commands == 0);
    CHECK(f.socket.commands().empty());
  }
}

}  // namespace skylr::haproxy
