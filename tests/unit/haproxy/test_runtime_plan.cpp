#include "haproxy/runtime_plan.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <set>
#include <string>
#include <vector>

#include "test_configs.h"

namespace skylr::haproxy {
namespace {

using Commands = std::vector<std::string>;

Server task(const std::string& name, const std::string& host, int port) {
  return Server{name, host, port, "app." + name};
}

// Slots of "web": slot-1 live at `host`:31000, slot-2 draining, slot-3 free.
SlotTable web_slots(const std::string& host = "10.0.0.1") {
  return SlotTable{{ServiceSlots{"web",
                                 {Slot{SlotUse::kLive, task("a", host, 31000), {}},
                                  Slot{SlotUse::kDraining, task("b", "10.0.0.2", 31001), {}},
                                  Slot{}}}}};
}

std::optional<std::string> resolve(const std::string& host) {
  if (host == "agent-1.example") return "192.0.2.7";
  return std::nullopt;
}

// One wanted server of web_http, ready at `address`:`port` with checks.
WantedServer ready(const std::string& server, const std::string& address, int port) {
  return WantedServer{"web_http", server, ServerWant::kReady, address, port, true, ""};
}

WantedServer with_want(ServerWant want) {
  return WantedServer{"web_http", "slot-1", want, "", 0, true, ""};
}

// web_http/slot-1 as HAProxy reports it.
ServerState state(const std::string& address, int port, int admin) {
  return ServerState{"web_http", "slot-1", address, port, admin};
}

std::string describe(const WantedServer& w) {
  return fmt::format("{}/{} {} {}:{} checks={}", w.backend, w.server, static_cast<int>(w.want),
                     w.address, w.port, w.checks);
}

std::vector<std::string> describe_all(const std::vector<WantedServer>& wanted) {
  std::vector<std::string> lines;
  for (const WantedServer& w : wanted) lines.push_back(describe(w));
  return lines;
}

}  // namespace

TEST_CASE("skylr::haproxy::wanted_servers") {
  Config config = testing::config_with_service("web");
  std::vector<std::string> warnings;

  SUBCASE("HTTP with checks: one backend, slot by slot") {
    auto wanted = wanted_servers(config, web_slots(), resolve, warnings);
    CHECK(describe_all(wanted) == std::vector<std::string>{"web_http/slot-1 0 10.0.0.1:31000 checks=true",
                                                           "web_http/slot-2 1 :0 checks=true",
                                                           "web_http/slot-3 2 :0 checks=true"});
    CHECK(warnings.empty());
  }
  SUBCASE("HTTP without checks") {
    config.services["web"].health.check = HealthCheck::kNone;
    auto wanted = wanted_servers(config, web_slots(), resolve, warnings);
    REQUIRE(wanted.size() == 3);
    CHECK(describe(wanted[0]) == "web_http/slot-1 0 10.0.0.1:31000 checks=false");
  }
  SUBCASE("TCP") {
    config.services["web"].mode = ServiceMode::kTcp;
    auto wanted = wanted_servers(config, web_slots(), resolve, warnings);
    REQUIRE(wanted.size() == 3);
    CHECK(describe(wanted[0]) == "web_tcp/slot-1 0 10.0.0.1:31000 checks=true");
  }
  SUBCASE("a host name is wanted at the address it resolves to") {
    auto wanted = wanted_servers(config, web_slots("agent-1.example"), resolve, warnings);
    CHECK(describe(wanted[0]) == "web_http/slot-1 0 192.0.2.7:31000 checks=true");
    CHECK(warnings.empty());
  }
  SUBCASE("a host name that does not resolve: the slot stays in maintenance, with a warning") {
    auto wanted = wanted_servers(config, web_slots("gone.example"), resolve, warnings);
    CHECK(describe(wanted[0]) == "web_http/slot-1 2 :0 checks=true");
    CHECK(warnings == std::vector<std::string>{
                          "web_http/slot-1: host gone.example does not resolve; the slot stays in "
                          "maintenance"});
  }
  SUBCASE("services without slots are skipped") {
    config.services["api"] = testing::config_with_service("api", 3001).services.at("api");
    CHECK(wanted_servers(config, web_slots(), resolve, warnings).size() == 3);
  }
  SUBCASE("only the services named, when names are given") {
    config.services["api"] = testing::config_with_service("api", 3001).services.at("api");
    SlotTable slots = web_slots();
    slots.services.insert(slots.services.begin(), ServiceSlots{"api", {Slot{}}});
    std::set<std::string> only{"api", "missing"};
    CHECK(describe_all(wanted_servers(config, slots, resolve, warnings, &only)) ==
          std::vector<std::string>{"api_http/slot-1 2 :0 checks=true"});
    only.clear();
    CHECK(wanted_servers(config, slots, resolve, warnings, &only).empty());
    CHECK(wanted_servers(config, slots, resolve, warnings).size() == 4);
  }
}

TEST_CASE("skylr::haproxy::plan_runtime_commands") {
  const struct {
    const char* name;
    WantedServer wanted;
    ServerState actual;
    Commands commands;
  } cases[] = {
      {"ready and in place: nothing", ready("slot-1", "10.0.0.1", 80), state("10.0.0.1", 80, 0), {}},
      {"ready, only the config's disabled flag left: nothing", ready("slot-1", "10.0.0.1", 80),
       state("10.0.0.1", 80, 0x04), {}},
      {"a free slot taken: address, health, then ready", ready("slot-1", "10.0.0.1", 80),
       state("0.0.0.0", 0, 0x05),
       {"set server web_http/slot-1 addr 10.0.0.1 port 80", "enable health web_http/slot-1",
        "set server web_http/slot-1 state ready"}},
      {"a moved task: the address only", ready("slot-1", "10.0.0.1", 81), state("10.0.0.1", 80, 0),
       {"set server web_http/slot-1 addr 10.0.0.1 port 81"}},
      {"IPv6 spelled differently is the same address", ready("slot-1", "fd00:0::5", 80),
       state("fd00::5", 80, 0), {}},
      {"a draining slot back in use", ready("slot-1", "10.0.0.1", 80), state("10.0.0.1", 80, 0x08),
       {"enable health web_http/slot-1", "set server web_http/slot-1 state ready"}},
      {"drain a ready server", with_want(ServerWant::kDrain), state("10.0.0.1", 80, 0),
       {"set server web_http/slot-1 state drain"}},
      {"draining already", with_want(ServerWant::kDrain), state("10.0.0.1", 80, 0x08), {}},
      {"drain wanted, already in maintenance: done", with_want(ServerWant::kDrain),
       state("10.0.0.1", 80, 0x05), {}},
      {"park a ready server", with_want(ServerWant::kMaint), state("10.0.0.1", 80, 0),
       {"set server web_http/slot-1 state maint"}},
      {"park a draining server", with_want(ServerWant::kMaint), state("10.0.0.1", 80, 0x08),
       {"set server web_http/slot-1 state maint"}},
      {"parked already (by the config)", with_want(ServerWant::kMaint), state("0.0.0.0", 0, 0x05), {}},
      {"parked already (DNS failure)", with_want(ServerWant::kMaint), state("0.0.0.0", 0, 0x20), {}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(plan_runtime_commands({c.wanted}, {c.actual}) == c.commands);
  }
  SUBCASE("all addresses change before any server is made ready") {
    ServerState second = state("0.0.0.0", 0, 0x05);
    second.server = "slot-2";
    Commands commands = plan_runtime_commands(
        {ready("slot-1", "10.0.0.1", 80), ready("slot-2", "10.0.0.2", 80)},
        {state("0.0.0.0", 0, 0x05), second});
    CHECK(commands == Commands{"set server web_http/slot-1 addr 10.0.0.1 port 80",
                                "set server web_http/slot-2 addr 10.0.0.2 port 80",
                                "enable health web_http/slot-1",
                                "set server web_http/slot-1 state ready",
                                "enable health web_http/slot-2",
                                "set server web_http/slot-2 state ready"});
  }
  SUBCASE("servers HAProxy lacks are added with the address changes, enabled with the states") {
    WantedServer unchecked = ready("slot-3", "fd00::3", 80);
    unchecked.checks = false;
    WantedServer parked = with_want(ServerWant::kMaint);
    parked.server = "slot-4";
    WantedServer draining = with_want(ServerWant::kDrain);
    draining.server = "slot-5";
    Commands commands = plan_runtime_commands(
        {ready("slot-1", "10.0.0.1", 80), ready("slot-2", "10.0.0.2", 80), unchecked, parked, draining},
        {state("0.0.0.0", 0, 0x05)});
    CHECK(commands == Commands{"set server web_http/slot-1 addr 10.0.0.1 port 80",
                               "add server web_http/slot-2 10.0.0.2:80 check",
                               "add server web_http/slot-3 [fd00::3]:80",
                               "add server web_http/slot-4 0.0.0.0:0 check",
                               "add server web_http/slot-5 0.0.0.0:0 check",
                               "enable health web_http/slot-1",
                               "set server web_http/slot-1 state ready",
                               "enable health web_http/slot-2",
                               "enable server web_http/slot-2",
                               "enable server web_http/slot-3",
                               "enable health web_http/slot-4",
                               "enable health web_http/slot-5"});
  }
  SUBCASE("servers HAProxy has beyond the wish are left alone") {
    CHECK(plan_runtime_commands({}, {state("10.0.0.1", 80, 0)}).empty());
  }
}

TEST_CASE("skylr::haproxy::compare_server_states") {
  SUBCASE("matching states") {
    const struct {
      WantedServer wanted;
      ServerState actual;
    } cases[] = {
        {ready("slot-1", "10.0.0.1", 80), state("10.0.0.1", 80, 0x04)},
        {with_want(ServerWant::kDrain), state("10.0.0.1", 80, 0x08)},
        {with_want(ServerWant::kDrain), state("10.0.0.1", 80, 0x01)},
        {with_want(ServerWant::kMaint), state("0.0.0.0", 0, 0x05)},
        {with_want(ServerWant::kMaint), state("1.2.3.4", 5, 0x20)},
    };
    for (const auto& c : cases) {
      CAPTURE(describe(c.wanted));
      CHECK(compare_server_states({c.wanted}, {c.actual}).ok());
    }
  }
  SUBCASE("every difference, one per line") {
    std::vector<WantedServer> wanted = {ready("slot-1", "10.0.0.1", 80),
                                        ready("slot-2", "10.0.0.2", 80), ready("slot-3", "fd00::1", 80),
                                        with_want(ServerWant::kMaint)};
    wanted[3].server = "slot-4";
    std::vector<ServerState> actual = {state("0.0.0.0", 0, 0x05), state("10.0.0.2", 80, 0x08),
                                       state("10.0.0.9", 80, 0), state("10.0.0.4", 80, 0)};
    actual[1].server = "slot-2";
    actual[2].server = "slot-3";
    actual[3].server = "slot-4";
    wanted.push_back(ready("slot-5", "10.0.0.5", 80));
    Status same = compare_server_states(wanted, actual);
    REQUIRE_FALSE(same.ok());
    CHECK(same.error().message ==
          "web_http/slot-1: wanted ready at 10.0.0.1:80, HAProxy has it at 0.0.0.0:0 in maintenance\n"
          "web_http/slot-2: wanted ready at 10.0.0.2:80, HAProxy has it at 10.0.0.2:80 draining\n"
          "web_http/slot-3: wanted ready at [fd00::1]:80, HAProxy has it at 10.0.0.9:80 ready\n"
          "web_http/slot-4: wanted in maintenance, HAProxy has it at 10.0.0.4:80 ready\n"
          "web_http/slot-5: HAProxy has no such server");
  }
}

}  // namespace skylr::haproxy
