#include "status_board.h"

#include <doctest/doctest.h>

#include "test_configs.h"

namespace skylr {
namespace {

SyncReport applied_report() {
  SyncReport report;
  report.model.services = {{"web", true, {Server{"t-1", "10.0.0.1", 31000, "web.1"}}}};
  report.apply.status = ApplyStatus::kApplied;
  return report;
}

const auto kWhen = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));

}  // namespace

TEST_CASE("skylr::StatusBoard") {
  Config config = testing::config_with_service("web");
  StatusBoard board;

  SUBCASE("healthy after a sync that applied") {
    board.record(config, applied_report(), {}, kWhen);
    CHECK(board.health().ok);
    CHECK(board.health_json() == R"({"status":"ok"})");
    std::string status = board.status_json();
    CHECK(status.find(R"("synced":true,"last_sync":"2023-11-14T22:13:20Z")") != std::string::npos);
    CHECK(status.find(R"("servers":[{"name":"t-1","address":"10.0.0.1","port":31000,"task_id":"web.1",)"
                      R"("slot":null}],"slots":0,"draining":[])") != std::string::npos);
  }
  SUBCASE("the slot of each server and the slots that drain") {
    board.record(config, applied_report(), {}, kWhen);
    ServiceSlots web{"web", std::vector<Slot>(4)};
    web.slots[1] = Slot{SlotUse::kDraining, Server{"t-0", "10.0.0.9", 31009, "web.0"}, {}};
    web.slots[2] = Slot{SlotUse::kLive, Server{"t-1", "10.0.0.1", 31000, "web.1"}, {}};
    board.record_slots(SlotTable{{web}});
    CHECK(board.status_json().find(
              R"("servers":[{"name":"t-1","address":"10.0.0.1","port":31000,"task_id":"web.1","slot":"slot-3"}],)"
              R"("slots":4,"draining":[{"name":"t-0","address":"10.0.0.9","port":31009,"task_id":"web.0",)"
              R"("slot":"slot-2"}])") != std::string::npos);
  }
  SUBCASE("runtime updates, reloads by reason and the last reload's reason") {
    SyncReport report = applied_report();
    report.apply.method = ApplyMethod::kRuntime;
    ApplyCounters counters;
    counters.runtime_updates = 4;
    counters.reloads = {{ReloadReason::kInitial, 1}, {ReloadReason::kSlotsChanged, 2}};
    counters.last_reload_at = kWhen;
    counters.last_reload_reason = ReloadReason::kSlotsChanged;
    counters.last_reload_detail = "the number of server slots changed";
    board.record(config, report, counters, kWhen);
    std::string status = board.status_json();
    CHECK(status.find(R"("duration_ms":0,"method":"runtime","reload_reason":"none"})") !=
          std::string::npos);
    CHECK(status.find(R"("runtime_updates":4,"reloads":{"initial":1,"slots_changed":2},)"
                      R"("last_reload":"2023-11-14T22:13:20Z","last_reload_reason":"slots_changed",)"
                      R"("last_reload_detail":"the number of server slots changed")") !=
          std::string::npos);
  }
  SUBCASE("Marathon down: unhealthy, the served services stay listed") {
    board.record(config, applied_report(), {}, kWhen);
    SyncReport down;
    down.fetch_error = "no Marathon answered: http://m1:8080: cannot connect";
    board.record(config, down, {}, kWhen);
    CHECK(board.health_json() ==
          R"({"status":"unhealthy","reasons":["cannot read Marathon: no Marathon answered: http://m1:8080: cannot connect"]})");
    CHECK(board.status_json().find(R"("address":"10.0.0.1")") != std::string::npos);
  }
  SUBCASE("a failed apply: unhealthy, naming the stage; the served servers stay") {
    board.record(config, applied_report(), {}, kWhen);
    SyncReport failed;
    failed.model.services = {{"web", true, {}}};
    failed.apply.status = ApplyStatus::kFailed;
    failed.apply.failed_stage = ApplyStage::kCheck;
    failed.apply.message = "haproxy rejected it";
    board.record(config, failed, {}, kWhen);
    CHECK(board.health().reasons ==
          std::vector<std::string>{"HAProxy is not on the latest config: check failed: haproxy rejected it"});
    std::string status = board.status_json();
    CHECK(status.find(R"("last_apply":{"status":"failed","stage":"check","message":"haproxy rejected it")") !=
          std::string::npos);
    CHECK(status.find(R"("address":"10.0.0.1")") != std::string::npos);
  }
  SUBCASE("a refused answer: unhealthy with the reason, the served servers stay, listed as a problem") {
    board.record(config, applied_report(), {}, kWhen);
    SyncReport refused;
    refused.verdict = AnswerVerdict::kRefused;
    refused.verdict_detail = "Marathon's answer was drastic: it lists none of the services' apps, which had 1 servers; "
                             "a second read from http://m2:8080 differed, and ...";
    board.record(config, refused, {}, kWhen);
    CHECK(board.health().reasons ==
          std::vector<std::string>{"keeping the last good config: " + refused.verdict_detail});
    protocol::SkylrdStatus status = board.status();
    CHECK_FALSE(status.synced);
    CHECK(status.problems == std::vector<std::string>{"keeping the last good config: " + refused.verdict_detail});
    CHECK(status.services.at(0).servers.size() == 1);
    board.record(config, applied_report(), {}, kWhen);
    CHECK(board.health().ok);
  }
  SUBCASE("an app kept at its last known servers: unhealthy naming it, listed as a problem") {
    SyncReport kept = applied_report();
    kept.model.services[0].last_known = true;
    kept.model.problems = {
        Problem{"/web", "app /web: Marathon's answer for it is malformed (x); keeping its 1 last known server",
                ProblemKind::kAppKept},
        Problem{"/web", "app /web: task web.2 has no port at index 0", ProblemKind::kTaskLeftOut}};
    board.record(config, kept, {}, kWhen);
    CHECK(board.health().reasons ==
          std::vector<std::string>{
              "app /web: Marathon's answer for it is malformed (x); keeping its 1 last known server"});
    CHECK(board.status().problems.size() == 2);
    board.record(config, applied_report(), {}, kWhen);
    CHECK(board.health().ok);
  }
  SUBCASE("a refused config file: degraded (still 200), in /status until a later one applies") {
    board.record(config, applied_report(), {}, kWhen);
    CHECK(board.status().config_reload.last_attempt.empty());
    CHECK(board.status_json().find(R"("config_reload":null)") != std::string::npos);
    board.record_config_reload(kWhen, {"/etc/skylr.json: services.web.port: expected an integer 1-65535, got 0",
                                       "/etc/skylr.json: listn: unknown key; did you mean \"listen\"?"});
    Health health = board.health();
    CHECK(health.ok);
    CHECK(health.reasons.empty());
    CHECK(health.warnings ==
          std::vector<std::string>{"config file refused on SIGHUP at 2023-11-14T22:13:20Z; the one before keeps "
                                   "serving: /etc/skylr.json: services.web.port: expected an integer 1-65535, got 0 | "
                                   "/etc/skylr.json: listn: unknown key; did you mean \"listen\"?"});
    CHECK(board.health_json().starts_with(R"({"status":"degraded","reasons":["config file refused on SIGHUP)"));
    protocol::SkylrdStatus status = board.status();
    CHECK(status.healthy);
    CHECK(status.config_reload.last_attempt == "2023-11-14T22:13:20Z");
    CHECK(status.config_reload.result == "refused");
    CHECK(status.config_reload.problems.size() == 2);
    board.record_config_reload(kWhen + std::chrono::seconds(5), {});
    CHECK(board.health_json() == R"({"status":"ok"})");
    CHECK(board.status_json().find(R"("config_reload":{"last_attempt":"2023-11-14T22:13:25Z","result":"applied",)"
                                   R"("problems":[]})") != std::string::npos);
  }
  SUBCASE("certificates: listed in /status; refused files, an unreadable directory and near expiry degrade /health") {
    board.record(config, applied_report(), {}, kWhen);
    auto now = std::chrono::system_clock::now();
    CertificateInfo good{"CN=a.test", "CN=ca", {"a.test"}, now - std::chrono::days(1), now + std::chrono::days(90), "ab"};
    CertificateInfo soon = good;
    soon.not_after = now + std::chrono::days(3);
    board.record_certificates({{"a.pem", good, ""}}, std::nullopt);
    CHECK(board.health_json() == R"({"status":"ok"})");
    protocol::SkylrdStatus status = board.status();
    REQUIRE(status.certificates.size() == 1);
    CHECK(status.certificates[0].subject == "CN=a.test");
    CHECK(status.certificates[0].served);
    board.record_certificates({{"a.pem", good, "expired on 2020-01-01 00:00:00 UTC"}, {"b.pem", soon, ""}},
                              "tls.certificates: cannot list /etc/certs: Permission denied");
    Health health = board.health();
    CHECK(health.ok);
    REQUIRE(health.warnings.size() == 3);
    CHECK(health.warnings[0] == "certificates: tls.certificates: cannot list /etc/certs: Permission denied");
    CHECK(health.warnings[1] == "certificate a.pem refused: expired on 2020-01-01 00:00:00 UTC");
    CHECK(health.warnings[2].starts_with("certificate b.pem expires on "));
  }
  SUBCASE("messages on several lines come out on one: /health reasons, /status problems and errors") {
    board.record(config, applied_report(), {}, kWhen);
    SyncReport failed = applied_report();
    failed.apply.status = ApplyStatus::kFailed;
    failed.apply.failed_stage = ApplyStage::kCheck;
    failed.apply.message = "haproxy -c rejected /x.cfg (exit code 1):\n[ALERT] (1) : parsing [/x.cfg:3]\n";
    ApplyCounters counters;
    counters.last_error = failed.apply.message;
    board.record(config, failed, counters, kWhen);
    CHECK(board.health().reasons ==
          std::vector<std::string>{"HAProxy is not on the latest config: check failed: haproxy -c rejected /x.cfg "
                                   "(exit code 1): | [ALERT] (1) : parsing [/x.cfg:3]"});
    protocol::SkylrdStatus status = board.status();
    CHECK(status.last_apply_message == "haproxy -c rejected /x.cfg (exit code 1): | [ALERT] (1) : parsing [/x.cfg:3]");
    CHECK(status.last_error == status.last_apply_message);
    CHECK(board.health_json().find("\\n") == std::string::npos);
  }
}

}  // namespace skylr
