#include "protocol/status.h"

#include <doctest/doctest.h>

namespace skylr::protocol {

TEST_CASE("skylr::protocol::parse_skylrd_status") {
  SUBCASE("a full report") {
    auto status = parse_skylrd_status(R"({"healthy":false,"synced":true,"last_sync":"2024-06-01T10:00:00Z",
        "last_sync_error":null,"last_apply":{"status":"failed","stage":"check","message":"bad","duration_ms":3,
        "method":"none","reload_reason":"none"},"runtime_updates":4,"reloads":{"initial":1},
        "last_reload":"2024-06-01T09:00:00Z","last_reload_reason":"initial","last_reload_detail":"","last_error":"bad","last_error_at":"2024-06-01T10:00:00Z",
        "services":[{"name":"web","app_id":"/web","port":8000,"app_found":true,
                     "servers":[{"name":"s","address":"10.0.0.1","port":31000,"task_id":"t","slot":"slot-2"}],
                     "slots":8,"draining":[{"name":"d","address":"10.0.0.9","port":31009,"task_id":"t0","slot":"slot-1"}]},
                    {"name":"api","app_id":"/api","port":8001,"app_found":false,"servers":[]}],
        "problems":["task t2 of /web has no port 0"]})");
    REQUIRE(status.ok());
    CHECK_FALSE(status->healthy);
    CHECK(status->synced);
    CHECK(status->last_sync == "2024-06-01T10:00:00Z");
    CHECK(status->last_sync_error.empty());
    CHECK(status->last_apply_status == "failed");
    CHECK(status->last_apply_stage == "check");
    CHECK(status->last_apply_message == "bad");
    CHECK(status->last_apply_method == "none");
    CHECK(status->last_apply_reload_reason == "none");
    CHECK(status->runtime_updates == 4);
    CHECK(status->last_reload == "2024-06-01T09:00:00Z");
    CHECK(status->last_reload_reason == "initial");
    CHECK(status->last_error == "bad");
    CHECK(status->last_error_at == "2024-06-01T10:00:00Z");
    REQUIRE(status->services.size() == 2);
    CHECK(status->services[0].name == "web");
    CHECK(status->services[0].app_id == "/web");
    CHECK(status->services[0].port == 8000);
    CHECK(status->services[0].app_found);
    REQUIRE(status->services[0].servers.size() == 1);
    CHECK(status->services[0].servers[0].address == "10.0.0.1");
    CHECK(status->services[0].servers[0].port == 31000);
    CHECK(status->services[0].servers[0].slot == "slot-2");
    REQUIRE(status->services[0].draining.size() == 1);
    CHECK(status->services[0].draining[0].address == "10.0.0.9");
    CHECK(status->services[0].draining[0].slot == "slot-1");
    CHECK_FALSE(status->services[1].app_found);
    CHECK(status->problems == std::vector<std::string>{"task t2 of /web has no port 0"});
  }

  SUBCASE("before the first sync: nulls and absent members keep the defaults") {
    auto status = parse_skylrd_status(R"({"healthy":false,"last_apply":null,"last_reload":null})");
    REQUIRE(status.ok());
    CHECK(status->last_apply_status.empty());
    CHECK(status->last_reload.empty());
    CHECK(status->services.empty());
  }

  SUBCASE("malformed reports") {
    struct Case {
      const char* body;
      const char* error;
    };
    const Case cases[] = {
        {"<html>", "skylrd's status: invalid JSON at line 1, column 1: Invalid value."},
        {"[]", "(document): expected an object, got an array"},
        {R"({"healthy":"yes"})", "healthy: expected true or false, got \"yes\""},
        {R"({"last_apply":[]})", "last_apply: expected an object, got an array"},
        {R"({"last_apply":{"stage":1}})", "last_apply.stage: expected a string, got 1"},
        {R"({"runtime_updates":-1})", "runtime_updates: expected a count, got -1"},
        {R"({"reloads":{"initial":"1"}})", "reloads.initial: expected a count, got \"1\""},
        {R"({"services":{}})", "services: expected an array, got an object"},
        {R"({"services":[{"port":"80"}]})", "services[0].port: expected an integer 0-65535, got \"80\""},
        {R"({"services":[{"servers":[{"port":70000}]}]})",
         "services[0].servers[0].port: expected an integer 0-65535, got 70000"},
        {R"({"problems":[1]})", "problems[0]: expected a string, got 1"},
        {R"({"config_reload":{"problems":"x"}})", "config_reload.problems: expected an array, got \"x\""},
    };
    for (const Case& c : cases) {
      CAPTURE(c.body);
      auto status = parse_skylrd_status(c.body);
      REQUIRE_FALSE(status.ok());
      CHECK(status.error().message == c.error);
    }
  }
}

TEST_CASE("skylr::protocol::write_skylrd_status") {
  SkylrdStatus status;
  SUBCASE("before the first sync: nulls") {
    CHECK(write_skylrd_status(status) ==
          R"({"version":"","healthy":false,"synced":false,"last_sync":null,"last_sync_error":null,"last_apply":null,)"
          R"("runtime_updates":0,"reloads":{},"last_reload":null,"last_reload_reason":"",)"
          R"("last_reload_detail":"","last_error":"","last_error_at":null,)"
          R"("haproxy":{"serving":false,"restarts":0,"problem":""},"marathon_reads":{"full":0,"app":0,"bytes":0},)"
          R"("services":[],"problems":[],"config_reload":null,"certificates":[],"recent_events":[]})");
  }
  SUBCASE("what it writes, parse_skylrd_status reads back") {
    status.healthy = true;
    status.synced = true;
    status.last_sync = "2024-06-01T10:00:00Z";
    status.last_apply_status = "applied";
    status.last_apply_stage = "none";
    status.last_apply_duration_ms = 12;
    status.last_apply_method = "reload";
    status.last_apply_reload_reason = "config_changed";
    status.runtime_updates = 3;
    status.reloads = {{"config_changed", 2}, {"initial", 1}};
    status.last_reload = "2024-06-01T09:59:59Z";
    status.last_reload_reason = "config_changed";
    status.last_reload_detail = "frontend web changed";
    status.last_error = "check failed: \"quoted\"\nsecond line";
    status.last_error_at = "2024-06-01T09:00:00Z";
    StatusService web{"web", "/web", 8000, true, {{"web-1", "10.0.0.1", 31000, "t1", "slot-1"}}, 4,
                      {{"web-0", "10.0.0.9", 31009, "t0", "slot-2"}}};
    status.services = {web, StatusService{"api", "/api", 8001, false, {}, 0, {}}};
    status.problems = {"task t2 of /web has no port 0"};
    status.haproxy_serving = true;
    status.haproxy_restarts = 2;
    status.haproxy_problem = "HAProxy master 812 killed by signal 9 (Killed)";
    status.full_reads = 3;
    status.app_reads = 41;
    status.bytes_read = 1234567;
    status.version = "1.2.3";
    status.config_reload = {"2024-06-01T10:01:00Z", "refused", {"/etc/skylr.json: services.web.port: bad"}};
    status.recent_events = {{"2024-06-01T10:01:00.123Z", "error", "SIGHUP: config refused"}};
    status.certificates = {{"a.pem", true, "CN=a.test", {"a.test", "10.0.0.1"}, "2024-01-01T00:00:00Z",
                            "2025-01-01T00:00:00Z", "ab12", "expired on 2024-01-01 00:00:00 UTC"},
                           {"b.pem", false, "", {}, "", "", "", "no private key"}};
    Result<SkylrdStatus> read = parse_skylrd_status(write_skylrd_status(status));
    REQUIRE(read.ok());
    CHECK(write_skylrd_status(*read) == write_skylrd_status(status));
    CHECK(read->reloads == status.reloads);
    CHECK(read->last_error == status.last_error);
    REQUIRE(read->services.size() == 2);
    CHECK(read->services[0].slots == 4);
    CHECK(read->services[0].servers[0].task_id == "t1");
    CHECK(read->services[0].draining[0].name == "web-0");
    CHECK(read->haproxy_restarts == 2);
    CHECK(read->haproxy_problem == status.haproxy_problem);
    CHECK(read->full_reads == 3);
    CHECK(read->app_reads == 41);
    CHECK(read->bytes_read == 1234567);
    CHECK(read->version == "1.2.3");
    CHECK(read->config_reload.last_attempt == "2024-06-01T10:01:00Z");
    CHECK(read->config_reload.result == "refused");
    CHECK(read->config_reload.problems == status.config_reload.problems);
    REQUIRE(read->recent_events.size() == 1);
    CHECK(read->recent_events[0].time == "2024-06-01T10:01:00.123Z");
    CHECK(read->recent_events[0].level == "error");
    CHECK(read->recent_events[0].message == "SIGHUP: config refused");
    REQUIRE(read->certificates.size() == 2);
    CHECK(read->certificates[0].names == status.certificates[0].names);
    CHECK(read->certificates[0].not_after == "2025-01-01T00:00:00Z");
    CHECK(read->certificates[0].refused == "expired on 2024-01-01 00:00:00 UTC");
    CHECK_FALSE(read->certificates[1].served);
    CHECK(write_skylrd_status(status).find(
              R"({"file":"b.pem","served":false,"subject":"","names":[],"not_before":null,"not_after":null,)"
              R"("fingerprint":"","refused":"no private key"})") != std::string::npos);
  }
}

}  // namespace skylr::protocol
