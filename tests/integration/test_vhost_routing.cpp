// Label discovery against the real HAProxy: apps publish themselves by their labels on
// the shared HTTP frontend, which routes by Host (case, port and one *. label aside) and
// path prefix to backends on 127.0.0.1; an unknown host gets HAProxy's 404, never another
// app; a changed virtual host reaches HAProxy through its Runtime API (add/del map),
// with the worker unchanged.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <httplib.h>

#include "sync_stack.h"

namespace skylr {
namespace {

// A task answering every GET with its name.
std::unique_ptr<testing::TestServer> echo_task(const std::string& name) {
  return std::make_unique<testing::TestServer>([name](httplib::Server& server) {
    server.Get(".*", [name](const httplib::Request&, httplib::Response& response) {
      response.set_content(name, "text/plain");
    });
  });
}

Config discovering(int http_port) {
  Config config;
  config.discovery.enabled = true;
  config.discovery.groups = {"web"};
  config.discovery.http_bind_host = "127.0.0.1";
  config.discovery.http_port = http_port;
  return config;
}

// The stack with label discovery on the shared port, and one task per app.
struct VhostSetup : testing::SyncStack {
  int http_port;
  std::map<std::string, std::unique_ptr<testing::TestServer>> tasks;

  VhostSetup() : VhostSetup(testing::free_port()) {}
  explicit VhostSetup(int port) : SyncStack(discovering(port)), http_port(port) {}

  // Marathon's answer: each app of `labels` (app id -> its labels as JSON members) with one
  // task and one port without a service port of its own.
  SyncReport sync(const std::map<std::string, std::string>& labels) {
    std::vector<std::string> apps;
    for (const auto& [id, members] : labels) {
      auto& task = tasks[id];
      if (!task) task = echo_task(id);
      apps.push_back(fmt::format(
          R"({{"id":"{0}","labels":{{"HAPROXY_GROUP":"web",{1}}},"portDefinitions":[{{"port":0}}],)"
          R"("tasks":[{{"id":"{2}.1","host":"127.0.0.1","ports":[{3}],"state":"TASK_RUNNING"}}]}})",
          id, members, id.substr(1), task->port()));
    }
    return sync_answer(fmt::format(R"({{"apps":[{}]}})", fmt::join(apps, ",")));
  }

  // The body of GET `path` with `host` through the shared frontend, or "<status>" when not 200.
  std::string get(const std::string& host, const std::string& path = "/") {
    httplib::Client client("127.0.0.1", http_port);
    client.set_connection_timeout(2);
    client.set_read_timeout(2);
    auto result = client.Get(path, httplib::Headers{{"Host", host}});
    if (!result) return "no answer";
    return result->status == 200 ? result->body : std::to_string(result->status);
  }
};

const std::map<std::string, std::string> kApps = {
    {"/web", R"("HAPROXY_0_VHOST":"web.example.com")"},
    {"/api", R"("HAPROXY_0_VHOST":"web.example.com","HAPROXY_0_PATH":"/api /v2/api")"},
    {"/wild", R"("HAPROXY_0_VHOST":"*.wild.example.com")"},
    {"/other", R"("HAPROXY_0_VHOST":"other.example.com")"},
};

}  // namespace

TEST_CASE("label discovery with HAProxy: the shared frontend routes by host and path") {
  VhostSetup setup;
  REQUIRE_APPLIED(setup.sync(kApps), ApplyMethod::kReload);
  CHECK(setup.get("web.example.com") == "/web");
  CHECK(setup.get("WEB.Example.COM:8080", "/index.html") == "/web");  // case and port do not matter
  CHECK(setup.get("web.example.com", "/api/users?x=1") == "/api");    // the longest prefix wins
  CHECK(setup.get("web.example.com", "/v2/api") == "/api");
  CHECK(setup.get("web.example.com", "/v2") == "/web");
  CHECK(setup.get("a.wild.example.com") == "/wild");
  CHECK(setup.get("wild.example.com") == "404");  // *. needs one label more
  CHECK(setup.get("other.example.com") == "/other");
  CHECK(setup.get("unknown.example.com") == "404");
  CHECK(setup.get("") == "404");
}

TEST_CASE("label discovery with HAProxy: a changed virtual host is routed without a reload") {
  VhostSetup setup;
  REQUIRE_APPLIED(setup.sync(kApps), ApplyMethod::kReload);
  auto before = setup.worker();
  std::map<std::string, std::string> moved = kApps;
  moved["/other"] = R"("HAPROXY_0_VHOST":"moved.example.com,more.example.com")";
  SyncReport report = setup.sync(moved);
  REQUIRE_MESSAGE(report.apply.status == ApplyStatus::kApplied, report.apply.message);
  CHECK(report.apply.method == ApplyMethod::kRuntime);
  CHECK(report.apply.runtime_commands == 3);  // del map, add map, add map
  CHECK(setup.get("moved.example.com") == "/other");
  CHECK(setup.get("more.example.com") == "/other");
  CHECK(setup.get("other.example.com") == "404");
  CHECK(setup.worker() == before);
  std::string map = *default_file_system().read_file(setup.config.discovery.routes_map);
  CHECK(map.find("moved.example.com/ other_0_http\n") != std::string::npos);
  CHECK(map.find("other.example.com/") == std::string::npos);
}

TEST_CASE("label discovery with HAProxy: an app with a vhost comes and goes without a reload") {
  VhostSetup setup;
  REQUIRE_APPLIED(setup.sync(kApps), ApplyMethod::kReload);
  auto before = setup.worker();
  std::map<std::string, std::string> grown = kApps;
  grown["/new"] = R"("HAPROXY_0_VHOST":"new.example.com")";
  SyncReport added = setup.sync(grown);
  REQUIRE_APPLIED(added, ApplyMethod::kRuntime);  // it took a spare backend
  CHECK(setup.get("new.example.com") == "/new");
  CHECK(setup.get("web.example.com") == "/web");
  std::string live = *default_file_system().read_file(setup.config.config_destination);
  CHECK(live.find("# service /new:0: Marathon app /new (published by its labels)\nbackend skylr_spare-1_http\n") !=
        std::string::npos);

  SyncReport removed = setup.sync(kApps);
  REQUIRE_APPLIED(removed, ApplyMethod::kRuntime);  // retired: parked, its route deleted
  CHECK(setup.get("new.example.com") == "404");
  CHECK(setup.get("other.example.com") == "/other");
  CHECK(setup.worker() == before);

  SUBCASE("a change that reloads anyway serves every service under its own backend again") {
    std::map<std::string, std::string> with_port = kApps;
    with_port["/tcp"] = R"("HAPROXY_0_PORT":")" + std::to_string(testing::free_port()) + R"(")";
    REQUIRE_APPLIED(setup.sync(with_port), ApplyMethod::kReload);
    live = *default_file_system().read_file(setup.config.config_destination);
    CHECK(live.find("no longer publishes it") == std::string::npos);
    CHECK(live.find("backend skylr_spare-8_http") != std::string::npos);  // spares topped up
    CHECK(setup.get("web.example.com") == "/web");
  }
}

}  // namespace skylr
