#include "sync/synchronizer.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fake_clock.h"
#include "fake_file_system.h"
#include "fake_haproxy_control.h"
#include "fake_haproxy_runtime.h"
#include "fake_http_client.h"
#include "fake_process_runner.h"
#include "test_configs.h"

namespace skylr::sync {

using apply::ConfigApplier;
using apply::apply_settings;
using haproxy::RuntimeUpdater;

namespace {

constexpr const char* kDestination = "/etc/h/haproxy.cfg";
constexpr const char* kOrigin = "http://m1:8080";
constexpr const char* kApps = R"({"apps":[{"id":"/web","tasks":[
  {"id":"web.1","host":"10.0.0.1","ports":[31000],"state":"TASK_RUNNING"}]}]})";

Config test_config() {
  Config config = testing::config_with_service("web");
  config.marathon_hosts = {MarathonEndpoint{"http", "m1", 8080, ""}};
  config.config_destination = kDestination;
  return config;
}

struct Fixture {
  Config config = test_config();
  testing::FakeHttpClient http;
  testing::FakeFileSystem fs;
  testing::FakeProcessRunner runner;
  testing::FakeHaproxyControl haproxy;
  testing::FakeClock clock;
  MarathonClient marathon{config.marathon_hosts, std::nullopt, http};
  ConfigApplier applier{apply_settings(config), fs, runner, haproxy, clock};

  explicit Fixture(Config with = test_config()) : config(std::move(with)) {
    fs.put(kDestination, "old config");
  }
};

}  // namespace

TEST_CASE("skylr::sync::synchronize") {
  Fixture f;

  SUBCASE("Marathon's apps become the live config") {
    f.http.answer(kOrigin, 200, kApps);
    SyncReport report = synchronize(f.config, f.marathon, f.applier, f.clock);
    CHECK_FALSE(report.fetch_error.has_value());
    REQUIRE(report.model.services.size() == 1);
    CHECK(report.model.services[0].servers.size() == 1);
    CHECK(report.apply.status == ApplyStatus::kApplied);
    auto live = f.fs.get(kDestination);
    REQUIRE(live.has_value());
    CHECK(live->find("10.0.0.1:31000") != std::string::npos);
  }

  SUBCASE("Marathon down: nothing applied, the last good config stays") {
    SyncReport report = synchronize(f.config, f.marathon, f.applier, f.clock);
    REQUIRE(report.fetch_error.has_value());
    CHECK(*report.fetch_error == "no Marathon answered: http://m1:8080: cannot connect");
    CHECK(f.fs.get(kDestination) == "old config");
    CHECK(f.haproxy.reload_calls == 0);
  }

  SUBCASE("garbage from Marathon: nothing applied") {
    f.http.answer(kOrigin, 200, R"({"apps":[{"id":7}]})");
    SyncReport report = synchronize(f.config, f.marathon, f.applier, f.clock);
    REQUIRE(report.fetch_error.has_value());
    CHECK(report.fetch_error->find("apps[0].id: expected a string, got 7") != std::string::npos);
    CHECK(f.fs.get(kDestination) == "old config");
  }
}

namespace {

using Commands = std::vector<std::string>;
using namespace std::chrono_literals;

// The tasks member of app `name`: tasks <name>.<n> at 10.0.<subnet>.<n>:3100<n>.
std::string tasks_member(const std::string& name, int subnet, const std::vector<int>& tasks) {
  std::string list;
  for (int n : tasks) {
    if (!list.empty()) list += ",";
    list += fmt::format(R"({{"id":"{0}.{1}","host":"10.0.{2}.{1}","ports":[3100{1}],"state":"TASK_RUNNING"}})",
                        name, n, subnet);
  }
  return R"("tasks":[)" + list + "]";
}

// App `name` with `member` (its tasks, or something malformed in their place).
std::string app_json(const std::string& name, const std::string& member) {
  return fmt::format(R"({{"id":"/{}"{}{}}})", name, member.empty() ? "" : ",", member);
}

// A Marathon answer listing `apps`.
std::string answer_of(const std::vector<std::string>& apps) {
  return fmt::format(R"({{"apps":[{}]}})", fmt::join(apps, ","));
}

// A Marathon answer with /web's tasks web.<n> at 10.0.0.<n>:3100<n>.
std::string apps_with_tasks(const std::vector<int>& tasks) {
  return answer_of({app_json("web", tasks_member("web", 0, tasks))});
}

// A Synchronizer over the fakes, with no live configuration yet and a fake admin socket
// that reloads from the written file whenever HAProxy is reloaded.
struct RuntimeFixture : Fixture {
  testing::FakeHaproxyRuntime runtime;
  RuntimeUpdater updater{runtime, [](const std::string&) { return std::nullopt; }};
  Synchronizer synchronizer{marathon, applier, updater, clock};

  explicit RuntimeFixture(Config with = test_config()) : Fixture(std::move(with)) {
    REQUIRE(fs.remove(kDestination).ok());
    config.haproxy.server_slots_min = 2;
    config.haproxy.drain_seconds = 10;
  }

  // Marathon now runs `tasks`; one sync.
  SyncReport sync(const std::vector<int>& tasks) {
    http.answer(kOrigin, 200, apps_with_tasks(tasks));
    return after(synchronizer.sync(config));
  }

  SyncReport finish_drains() { return after(synchronizer.finish_drains(config)); }

  // Reloads the fake admin socket's servers when HAProxy was reloaded.
  SyncReport after(SyncReport report) {
    if (haproxy.reload_calls != reloads_seen) runtime.load(*fs.get(kDestination));
    reloads_seen = haproxy.reload_calls;
    return report;
  }

  int reloads_seen = 0;
};

}  // namespace

TEST_CASE("skylr::sync::Synchronizer") {
  RuntimeFixture f;
  SyncReport first = f.sync({1});
  REQUIRE(first.apply.status == ApplyStatus::kApplied);
  CHECK(first.apply.reload_reason == ReloadReason::kInitial);
  CHECK(f.haproxy.reload_calls == 1);
  CHECK(f.runtime.admin_state("web_http/slot-1") == 0);
  f.runtime.clear_commands();

  SUBCASE("scaling up within the slots: Runtime API, no reload, the file follows") {
    SyncReport report = f.sync({1, 2});
    CHECK(report.apply.status == ApplyStatus::kApplied);
    CHECK(report.apply.method == ApplyMethod::kRuntime);
    CHECK(f.haproxy.reload_calls == 1);
    CHECK(f.runtime.changes() == Commands{"set server web_http/slot-2 addr 10.0.0.2 port 31002",
                                          "enable health web_http/slot-2",
                                          "set server web_http/slot-2 state ready"});
    CHECK(f.runtime.admin_state("web_http/slot-2") == 0x04);  // ready: only the config's flag left
    CHECK(f.fs.get(kDestination)->find("    server slot-2 10.0.0.2:31002 check\n") != std::string::npos);
    CHECK(f.synchronizer.slots().services.at(0).slots.at(1).server.task_id == "web.2");
  }
  SUBCASE("beyond the slots: one slot per newcomer appended through the Runtime API, no reload") {
    SyncReport report = f.sync({1, 2, 3, 4});
    CHECK(report.apply.method == ApplyMethod::kRuntime);
    CHECK(f.haproxy.reload_calls == 1);
    CHECK(f.synchronizer.slots().services.at(0).slots.size() == 4);
    CHECK(f.runtime.changes() == Commands{"set server web_http/slot-2 addr 10.0.0.2 port 31002",
                                          "add server web_http/slot-3 10.0.0.3:31003 check",
                                          "add server web_http/slot-4 10.0.0.4:31004 check",
                                          "enable health web_http/slot-2",
                                          "set server web_http/slot-2 state ready",
                                          "enable health web_http/slot-3",
                                          "enable server web_http/slot-3",
                                          "enable health web_http/slot-4",
                                          "enable server web_http/slot-4"});
    CHECK(f.runtime.admin_state("web_http/slot-3") == 0);
    CHECK(f.runtime.admin_state("web_http/slot-4") == 0);
  }
  SUBCASE("a removed task drains, then goes to maintenance once its sessions are gone") {
    f.sync({1, 2});
    f.runtime.server("web_http/slot-1").sessions = 1;
    f.runtime.clear_commands();
    SyncReport report = f.sync({2});
    CHECK(report.apply.method == ApplyMethod::kRuntime);
    CHECK(f.runtime.changes() == Commands{"set server web_http/slot-1 state drain"});
    CHECK(f.runtime.admin_state("web_http/slot-1") == 0x08);
    REQUIRE(f.synchronizer.next_drain_check().has_value());
    CHECK(*f.synchronizer.next_drain_check() - f.clock.now() <= Synchronizer::kDrainPoll);
    f.runtime.clear_commands();

    SyncReport busy = f.finish_drains();
    CHECK(busy.apply.status == ApplyStatus::kUnchanged);
    CHECK(f.runtime.commands() == Commands{"show stat"});
    CHECK(f.synchronizer.next_drain_check().has_value());

    f.runtime.server("web_http/slot-1").sessions = 0;
    SyncReport idle = f.finish_drains();
    CHECK(idle.apply.method == ApplyMethod::kRuntime);
    CHECK(f.runtime.changes() == Commands{"set server web_http/slot-1 state maint"});
    CHECK_FALSE(f.synchronizer.next_drain_check().has_value());
    CHECK(f.haproxy.reload_calls == 1);
  }
  SUBCASE("a drain ends after drain_seconds even with sessions left") {
    f.sync({1, 2});
    f.runtime.server("web_http/slot-1").sessions = 3;
    f.sync({2});
    f.clock.advance(9s);
    CHECK(f.finish_drains().apply.status == ApplyStatus::kUnchanged);
    f.clock.advance(1s);
    CHECK(f.finish_drains().apply.method == ApplyMethod::kRuntime);
    CHECK(f.runtime.admin_state("web_http/slot-1") == 0x01);
  }
  SUBCASE("a newcomer never takes a draining slot: one is appended; a slot whose drain ended is taken") {
    f.sync({1, 2});
    f.runtime.server("web_http/slot-1").sessions = 1;
    f.sync({2});
    f.runtime.clear_commands();
    SyncReport grown = f.sync({2, 3});
    CHECK(grown.apply.method == ApplyMethod::kRuntime);
    CHECK(f.runtime.changes() == Commands{"add server web_http/slot-3 10.0.0.3:31003 check",
                                          "enable health web_http/slot-3",
                                          "enable server web_http/slot-3"});
    CHECK(f.runtime.admin_state("web_http/slot-1") == 0x08);  // still draining
    f.runtime.server("web_http/slot-1").sessions = 0;
    CHECK(f.finish_drains().apply.method == ApplyMethod::kRuntime);
    f.runtime.clear_commands();
    SyncReport report = f.sync({2, 3, 4});
    CHECK(report.apply.method == ApplyMethod::kRuntime);
    CHECK(f.runtime.changes() == Commands{"set server web_http/slot-1 addr 10.0.0.4 port 31004",
                                          "enable health web_http/slot-1",
                                          "set server web_http/slot-1 state ready"});
    CHECK(f.synchronizer.slots().services.at(0).slots.size() == 3);
    CHECK(f.haproxy.reload_calls == 1);
  }
  SUBCASE("servers changed behind Skylr's back are repaired on the next sync") {
    f.runtime.server("web_http/slot-1").forced = 0x01;
    SyncReport report = f.sync({1});
    CHECK(report.apply.method == ApplyMethod::kRuntime);
    CHECK(f.runtime.changes() == Commands{"enable health web_http/slot-1",
                                          "set server web_http/slot-1 state ready"});
    CHECK(f.haproxy.reload_calls == 1);
  }
  SUBCASE("a refused command falls back to a reload, which starts from the written file") {
    f.runtime.refuse("set server web_http/slot-2 state ready", "Require 'backend/server'.\n");
    SyncReport report = f.sync({1, 2});
    CHECK(report.apply.method == ApplyMethod::kReload);
    CHECK(report.apply.reload_reason == ReloadReason::kRuntimeFailed);
    CHECK(report.apply.reload_detail ==
          "the runtime update failed: HAProxy refused `set server web_http/slot-2 state ready`: "
          "Require 'backend/server'.");
    CHECK(f.haproxy.reload_calls == 2);
    CHECK(f.runtime.admin_state("web_http/slot-2") == 0);
  }
  SUBCASE("Marathon down: the slots stay as they are") {
    f.http.fail(kOrigin, "cannot connect");
    SyncReport report = f.synchronizer.sync(f.config);
    CHECK(report.fetch_error.has_value());
    CHECK(f.runtime.commands().empty());
    CHECK(f.synchronizer.slots().services.at(0).slots.at(0).use == SlotUse::kLive);
  }
}

TEST_CASE("skylr::sync::Synchronizer::finish_drains before any sync") {
  RuntimeFixture f;
  SyncReport report = f.synchronizer.finish_drains(f.config);
  CHECK(report.apply.status == ApplyStatus::kUnchanged);
  CHECK(f.runtime.commands().empty());
  CHECK_FALSE(f.synchronizer.next_drain_check().has_value());
}

namespace {

// A Synchronizer over the fakes for two services, web (/web, tasks at 10.0.0.n) and api
// (/api, tasks at 10.0.1.n), with marathon_hosts m1 and m2.
struct TwoAppsFixture : RuntimeFixture {
  static constexpr const char* kSecondOrigin = "http://m2:8080";

  TwoAppsFixture() : RuntimeFixture(two_apps_config()) {}

  static Config two_apps_config() {
    Config config = test_config();
    config.services["api"] = testing::config_with_service("api", 3001).services.at("api");
    config.marathon_hosts.push_back(MarathonEndpoint{"http", "m2", 8080, ""});
    return config;
  }

  // Marathon (both masters) answers `web` and `api` as app members; one sync.
  SyncReport sync_members(const std::string& web, const std::string& api) {
    return sync_answer(answer_of({app_json("web", web), app_json("api", api)}));
  }

  // Marathon (both masters) answers `body`; one sync.
  SyncReport sync_answer(const std::string& body) {
    http.answer(kOrigin, 200, body);
    http.answer(kSecondOrigin, 200, body);
    return after(synchronizer.sync(config));
  }

  // True when the live file routes to `address` ("10.0.0.1:31001").
  bool routes(const std::string& address) {
    auto live = fs.get(kDestination);
    return live && live->find(" " + address + " ") != std::string::npos;
  }

  // The apps requests sent so far.
  std::size_t reads() const { return http.requests().size(); }

  // Marathon answers app `name` (GET /v2/apps/<name>?embed=app.tasks) with `status` and
  // the app with `member`; one targeted sync of /<name>.
  SyncReport sync_app(const std::string& name, int status, const std::string& member = "") {
    last_app_body = status == 200 ? fmt::format(R"({{"app":{}}})", app_json(name, member))
                                  : fmt::format(R"({{"message":"App '/{}' does not exist"}})", name);
    http.answer(kOrigin, status, last_app_body, {}, fmt::format("/v2/apps/{}?embed=app.tasks", name));
    return after(synchronizer.sync_apps(config, {fmt::format("/{}", name)}));
  }

  std::string last_app_body;
};

}  // namespace

TEST_CASE("skylr::sync::Synchronizer keeps a malformed app's last known servers") {
  TwoAppsFixture f;
  SyncReport first = f.sync_members(tasks_member("web", 0, {1}), tasks_member("api", 1, {1}));
  REQUIRE(first.apply.status == ApplyStatus::kApplied);
  REQUIRE(f.routes("10.0.0.1:31001"));

  std::string malformed;
  SUBCASE("tasks missing") { malformed = ""; }
  SUBCASE("tasks null") { malformed = R"("tasks":null)"; }
  SUBCASE("tasks not an array") { malformed = R"("tasks":"none")"; }
  SUBCASE("a task with a bad port") {
    malformed = R"("tasks":[{"id":"web.1","host":"10.0.0.1","ports":["x"],"state":"TASK_RUNNING"}])";
  }
  SUBCASE("a task that is not an object") { malformed = R"("tasks":[7])"; }
  SyncReport report = f.sync_members(malformed, tasks_member("api", 1, {1, 2}));
  INFO(report.fetch_error.value_or(""));
  CHECK_FALSE(report.fetch_error.has_value());
  CHECK(f.routes("10.0.0.1:31001"));  // /web keeps its last known server
  CHECK(f.routes("10.0.1.2:31002"));  // /api keeps updating
  REQUIRE(report.model.problems.size() == 1);
  CHECK(report.model.problems[0].app_id == "/web");
}

TEST_CASE("skylr::sync::Synchronizer confirms a drastic change by a second read") {
  TwoAppsFixture f;
  SyncReport first = f.sync_members(tasks_member("web", 0, {1, 2}), tasks_member("api", 1, {1}));
  CHECK(first.verdict == AnswerVerdict::kTrusted);  // nothing served yet: nothing to compare with
  REQUIRE(f.routes("10.0.0.2:31002"));
  std::size_t before = f.reads();

  SUBCASE("an empty list once, the whole list from the other master: nothing removed") {
    f.http.answer_once(kOrigin, 200, R"({"apps":[]})");
    SyncReport report = f.sync_members(tasks_member("web", 0, {1, 2}), tasks_member("api", 1, {1}));
    CHECK(report.verdict == AnswerVerdict::kCorrected);
    CHECK(report.verdict_detail ==
          "Marathon's answer was drastic: it lists none of the services' apps, which had 3 servers; a second "
          "read from http://m2:8080 was not, and is applied instead");
    CHECK(report.apply.status == ApplyStatus::kUnchanged);
    CHECK(f.routes("10.0.0.1:31001"));
    CHECK(f.routes("10.0.1.1:31001"));
    REQUIRE(f.reads() == before + 2);
    CHECK(f.http.urls().back() == "http://m2:8080/v2/apps?embed=apps.tasks");
  }
  SUBCASE("an empty list twice: confirmed, applied") {
    SyncReport report = f.sync_answer(R"({"apps":[]})");
    CHECK(report.verdict == AnswerVerdict::kConfirmed);
    CHECK(report.verdict_detail ==
          "Marathon's answer was drastic: it lists none of the services' apps, which had 3 servers; a second "
          "read from http://m2:8080 confirmed it");
    CHECK(f.reads() == before + 2);
    CHECK_FALSE(f.routes("10.0.0.1:31001"));
  }
  SUBCASE("an empty list, then an answer that removes most servers: the last good config stays") {
    std::string live = *f.fs.get(kDestination);
    f.http.answer_once(kOrigin, 200, R"({"apps":[]})");
    SyncReport report = f.sync_members(tasks_member("web", 0, {}), tasks_member("api", 1, {1}));
    CHECK(report.verdict == AnswerVerdict::kRefused);
    CHECK(report.verdict_detail ==
          "Marathon's answer was drastic: it lists none of the services' apps, which had 3 servers; a second "
          "read from http://m2:8080 differed, and it removes 2 of 3 servers (67 %, more than "
          "reload.max_removed_share 50 %) too");
    CHECK(f.reads() == before + 2);
    CHECK(*f.fs.get(kDestination) == live);
    CHECK(f.routes("10.0.0.2:31002"));
    CHECK(report.model.services.at(1).servers.size() == 2);  // the served model

    SUBCASE("the next sync compares with what is served, not with the refused answer") {
      SyncReport next = f.sync_members(tasks_member("web", 0, {1, 2}), tasks_member("api", 1, {1}));
      CHECK(next.verdict == AnswerVerdict::kTrusted);
    }
  }
  SUBCASE("a drastic answer whose second read fails: refused") {
    f.http.answer_once(kOrigin, 200, R"({"apps":[]})");
    f.http.fail(TwoAppsFixture::kSecondOrigin, "cannot connect");
    f.http.fail(kOrigin, "cannot connect");
    SyncReport report = f.synchronizer.sync(f.config);
    CHECK(report.verdict == AnswerVerdict::kRefused);
    CHECK(report.verdict_detail.find("and a second read failed: no Marathon answered") != std::string::npos);
    CHECK(f.routes("10.0.0.1:31001"));
  }
  SUBCASE("more than half of the servers removed: read again, applied when confirmed") {
    SyncReport report = f.sync_members(tasks_member("web", 0, {}), tasks_member("api", 1, {1}));
    CHECK(report.verdict == AnswerVerdict::kConfirmed);
    CHECK(f.reads() == before + 2);
    CHECK_FALSE(f.routes("10.0.0.1:31001"));
  }
  SUBCASE("a third of the servers removed: one read") {
    SyncReport report = f.sync_members(tasks_member("web", 0, {1}), tasks_member("api", 1, {1}));
    CHECK(report.verdict == AnswerVerdict::kTrusted);
    CHECK(f.reads() == before + 1);
    CHECK_FALSE(f.routes("10.0.0.2:31002"));
  }
  SUBCASE("reload.max_removed_share 1: only an empty list is read again") {
    f.config.reload.max_removed_share = 1;
    CHECK(f.sync_members(tasks_member("web", 0, {}), tasks_member("api", 1, {})).verdict == AnswerVerdict::kTrusted);
    CHECK(f.reads() == before + 1);
  }
}

TEST_CASE("skylr::sync::Synchronizer::sync_apps before a full sync reads every app") {
  TwoAppsFixture f;
  f.http.answer(kOrigin, 200, answer_of({app_json("web", tasks_member("web", 0, {1}))}));
  SyncReport report = f.after(f.synchronizer.sync_apps(f.config, {"/web"}));
  CHECK(report.scope == ReadScope::kFull);
  CHECK(f.http.urls() == std::vector<std::string>{"http://m1:8080/v2/apps?embed=apps.tasks"});
  CHECK(f.routes("10.0.0.1:31001"));
}

TEST_CASE("skylr::sync::Synchronizer::sync_apps reads and applies only the apps named") {
  TwoAppsFixture f;
  REQUIRE(f.sync_members(tasks_member("web", 0, {1, 2}), tasks_member("api", 1, {1})).apply.status ==
          ApplyStatus::kApplied);
  std::size_t checks = f.runner.runs().size();
  std::size_t reads = f.reads();
  f.runtime.clear_commands();

  SUBCASE("a moved task: one app read, its servers changed at runtime, the file follows unchecked") {
    SyncReport report = f.sync_app("web", 200, tasks_member("web", 0, {1, 3}));
    CHECK(report.scope == ReadScope::kApps);
    CHECK(report.apps_read == std::set<std::string>{"/web"});
    CHECK(f.http.urls().back() == "http://m1:8080/v2/apps/web?embed=app.tasks");
    CHECK(f.reads() == reads + 1);
    CHECK(report.bytes_read == f.last_app_body.size());
    REQUIRE(report.model.services.size() == 1);
    CHECK(report.model.services[0].service == "web");
    CHECK(report.apply.method == ApplyMethod::kRuntime);
    CHECK(f.runtime.changes().at(0) == "add server web_http/slot-3 10.0.0.3:31003 check");  // slot-2 drains
    std::vector<std::string> commands = f.runtime.commands();
    CHECK(std::count(commands.begin(), commands.end(), "show servers state web_http") == 2);  // before and after
    CHECK(std::count(commands.begin(), commands.end(), "show servers state") == 0);           // api's not read
    CHECK(f.runner.runs().size() == checks);  // no haproxy -c
    CHECK(f.haproxy.reload_calls == 1);
    CHECK(f.routes("10.0.0.3:31003"));
    CHECK_FALSE(f.routes("10.0.0.2:31002"));
    CHECK(f.routes("10.0.1.1:31001"));

    SUBCASE("the file is what a full sync renders for the same state") {
      std::string live = *f.fs.get(kDestination);
      std::size_t writes = f.fs.temp_writes;
      SyncReport full = f.sync_members(tasks_member("web", 0, {1, 3}), tasks_member("api", 1, {1}));
      CHECK(full.apply.method != ApplyMethod::kReload);
      CHECK(f.fs.temp_writes == writes);
      CHECK(*f.fs.get(kDestination) == live);
    }
  }
  SUBCASE("the app is gone (404): its servers are removed") {
    SyncReport report = f.sync_app("web", 404);
    CHECK_FALSE(report.fetch_error.has_value());
    REQUIRE(report.model.services.size() == 1);
    CHECK_FALSE(report.model.services[0].app_found);
    CHECK(report.apply.method == ApplyMethod::kRuntime);
    CHECK_FALSE(f.routes("10.0.0.1:31001"));
    CHECK(f.routes("10.0.1.1:31001"));
  }
  SUBCASE("the app's answer is malformed: it keeps its last known servers") {
    SyncReport report = f.sync_app("web", 200, R"("tasks":null)");
    CHECK_FALSE(report.fetch_error.has_value());
    REQUIRE(report.model.problems.size() == 1);
    CHECK(report.model.problems[0].kind == ProblemKind::kAppKept);
    CHECK(report.model.services.at(0).servers.size() == 2);
    CHECK(f.routes("10.0.0.2:31002"));
  }
  SUBCASE("nothing changed: nothing applied, nothing written") {
    std::size_t writes = f.fs.temp_writes;
    SyncReport report = f.sync_app("web", 200, tasks_member("web", 0, {1, 2}));
    CHECK(report.apply.status == ApplyStatus::kUnchanged);
    CHECK(f.fs.temp_writes == writes);
    CHECK(f.runtime.commands().empty());
  }
  SUBCASE("the read fails: nothing applied") {
    f.http.fail(kOrigin, "cannot connect", "/v2/apps/web?embed=app.tasks");
    std::string live = *f.fs.get(kDestination);
    SyncReport report = f.after(f.synchronizer.sync_apps(f.config, {"/web"}));
    REQUIRE(report.fetch_error.has_value());
    CHECK(report.fetch_error->starts_with("app /web: "));
    CHECK(*f.fs.get(kDestination) == live);
    CHECK(f.runtime.commands().empty());
  }
  SUBCASE("a failed apply: the next targeted sync reads every app") {
    f.fs.fail_write = true;
    SyncReport failed = f.sync_app("web", 200, tasks_member("web", 0, {1, 3}));
    CHECK(failed.apply.status == ApplyStatus::kFailed);
    f.fs.fail_write = false;
    f.http.answer(kOrigin, 200, answer_of({app_json("web", tasks_member("web", 0, {1, 3})),
                                          app_json("api", tasks_member("api", 1, {1}))}));
    SyncReport next = f.after(f.synchronizer.sync_apps(f.config, {"/api"}));
    CHECK(next.scope == ReadScope::kFull);
    CHECK(f.routes("10.0.0.3:31003"));
  }
}

}  // namespace skylr::sync
