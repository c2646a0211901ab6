// `skylrctl status` in-process against a fake skylrd serving what skylrd's StatusBoard
// writes, so that the table is checked against the real /status format.
#include <doctest/doctest.h>

#include "cmd_status.h"
#include "ctl_fixture.h"
#include "status_board.h"
#include "test_configs.h"

namespace skylr {

using protocol::SkylrdStatus;

namespace {

using testing::Outcome;

const auto kWhen = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));

Config two_services() {
  Config config = testing::config_with_service("web", 8000);
  config.services["api"] = testing::config_with_service("api", 8001).services["api"];
  return config;
}

// /status of a skylrd whose one sync applied, with a v4 and a v6 server and a task left out.
std::string synced_status() {
  SyncReport report;
  report.model.services = {
      {"api", false, {}},
      {"web", true, {Server{"t-1", "10.0.0.1", 31000, "web.1"}, Server{"t-2", "fd00::2", 31001, "web.2"}}}};
  report.model.problems = {{"/web", "app /web: task web.3 has no port 0"}};
  report.apply.status = ApplyStatus::kApplied;
  report.apply.method = ApplyMethod::kReload;
  report.apply.reload_reason = ReloadReason::kConfigChanged;
  ApplyCounters counters;
  counters.last_applied_at = kWhen;
  counters.last_reload_at = kWhen;
  counters.last_reload_reason = ReloadReason::kConfigChanged;
  counters.runtime_updates = 2;
  StatusBoard board;
  board.record(two_services(), report, counters, kWhen);
  ServiceSlots web{"web", std::vector<Slot>(8)};
  web.slots[0] = Slot{SlotUse::kLive, Server{"t-1", "10.0.0.1", 31000, "web.1"}, {}};
  web.slots[1] = Slot{SlotUse::kDraining, Server{"t-0", "10.0.0.9", 31009, "web.0"}, {}};
  web.slots[2] = Slot{SlotUse::kLive, Server{"t-2", "fd00::2", 31001, "web.2"}, {}};
  board.record_slots(SlotTable{{ServiceSlots{"api", std::vector<Slot>(8)}, web}});
  return board.status_json();
}

// /status of a skylrd whose last check failed after Marathon went away.
std::string failing_status() {
  SyncReport failed;
  failed.apply.status = ApplyStatus::kFailed;
  failed.apply.failed_stage = ApplyStage::kCheck;
  failed.apply.message = "haproxy -c: bad";
  ApplyCounters counters;
  counters.last_error = "haproxy -c: bad";
  counters.last_error_at = kWhen;
  StatusBoard board;
  board.record(two_services(), failed, counters, kWhen);
  SyncReport down;
  down.fetch_error = "no Marathon answered";
  board.record(two_services(), down, counters, kWhen);
  return board.status_json();
}

Outcome status(std::vector<std::string> args) {
  args.insert(args.begin(), "status");
  return testing::run_command<StatusOptions>(setup_status, run_status, args);
}

}  // namespace

TEST_CASE("skylr::run_status") {
  SUBCASE("a table of services and servers, then the last sync, apply, reload and error") {
    testing::FakeSkylrd skylrd(testing::dead_url(), synced_status());
    Outcome shown = status({"--skylrd", skylrd.url()});
    CHECK(shown.code == kExitDone);
    CHECK(shown.err.empty());
    CHECK(shown.out ==
          "SERVICE  APP ID  PORT  SERVERS\n"
          "api      /api    8001  none (Marathon has no app /api)\n"
          "web      /web    8000  10.0.0.1:31000 (slot-1), [fd00::2]:31001 (slot-3); draining 10.0.0.9:31009 "
          "(slot-2)\n"
          "\n"
          "healthy      yes\n"
          "last sync    2023-11-14T22:13:20Z\n"
          "last apply   applied by a reload (config_changed)\n"
          "last reload  2023-11-14T22:13:20Z (config_changed)\n"
          "runtime API  2 updates\n"
          "last error   none\n"
          "problem      app /web: task web.3 has no port 0\n");
  }
  SUBCASE("an unhealthy skylrd is shown, not an error") {
    testing::FakeSkylrd skylrd(testing::dead_url(), failing_status());
    Outcome shown = status({"--skylrd", skylrd.url()});
    CHECK(shown.code == kExitDone);
    CHECK(shown.out ==
          "SERVICE  APP ID  PORT  SERVERS\n"
          "\n"
          "healthy      no\n"
          "last sync    2023-11-14T22:13:20Z\n"
          "sync error   no Marathon answered\n"
          "last apply   failed at check: haproxy -c: bad\n"
          "last reload  never\n"
          "runtime API  0 updates\n"
          "last error   2023-11-14T22:13:20Z: haproxy -c: bad\n");
  }
  SUBCASE("--json: skylrd's JSON as it is") {
    std::string json = synced_status();
    testing::FakeSkylrd skylrd(testing::dead_url(), json);
    Outcome shown = status({"--skylrd", skylrd.url(), "--json"});
    CHECK(shown.code == kExitDone);
    CHECK(shown.out == json + "\n");
  }
  SUBCASE("failures") {
    std::string dead = testing::dead_url();
    Outcome down = status({"--skylrd", dead});
    CHECK(down.code == kExitUnreachable);
    CHECK(down.err == "cannot reach skylrd: " + dead + ": cannot connect\n");
    testing::FakeSkylrd skylrd(dead, "<html>");
    Outcome garbage = status({"--skylrd", skylrd.url()});
    CHECK(garbage.code == kExitError);
    CHECK(garbage.err == "skylrd's status: invalid JSON at line 1, column 1: Invalid value.\n");
    Outcome missing = status({"--skylrd", skylrd.url() + "/prefix"});
    CHECK(missing.code == kExitError);
    CHECK(missing.err == "GET /status: skylrd answered HTTP 404\n");
    Outcome bad_url = status({"--skylrd", "ftp://x"});
    CHECK(bad_url.code == kExitBadUsage);
    CHECK(bad_url.err == "--skylrd ftp://x: scheme must be http or https\n");
  }
}

TEST_CASE("skylr::format_status") {
  SkylrdStatus never;
  CHECK(format_status(never) ==
        "SERVICE  APP ID  PORT  SERVERS\n\nhealthy      no\nlast sync    never\nlast apply   never\n"
        "last reload  never\nruntime API  0 updates\nlast error   none\n");
  SkylrdStatus runtime;
  runtime.last_apply_status = "applied";
  runtime.last_apply_method = "runtime";
  runtime.runtime_updates = 1;
  std::string table = format_status(runtime);
  CHECK(table.find("\nlast apply   applied through the Runtime API\n") != std::string::npos);
  CHECK(table.find("\nruntime API  1 update\n") != std::string::npos);
  SkylrdStatus refused;
  refused.config_reload = {"2026-12-02T07:00:00Z", "refused", {"services.web.port: expected an integer 1-65535"}};
  CHECK(format_status(refused).ends_with(
      "config file  refused on SIGHUP at 2026-12-02T07:00:00Z\n"
      "  refused:   services.web.port: expected an integer 1-65535\n"));
  SkylrdStatus certificates;
  certificates.certificates = {{"a.pem", true, "CN=a.test", {"a.test"}, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
                                "ab", "expired on 2020-01-01 00:00:00 UTC"},
                               {"b.pem", false, "", {}, "", "", "", "no private key"}};
  CHECK(format_status(certificates).ends_with(
      "certificate  a.pem: CN=a.test until 2027-01-01T00:00:00Z\n"
      "  refused:   expired on 2020-01-01 00:00:00 UTC\n"
      "certificate  b.pem: nothing served\n"
      "  refused:   no private key\n"));
}

}  // namespace skylr
