#include "skylr/model.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "model/model_fixtures.h"

namespace skylr {
namespace {

// The model as text, one line per service, server and problem, for whole-model comparisons.
std::string describe(const Model& model) {
  std::string text;
  for (const auto& service : model.services) {
    text += fmt::format("service {} found={}\n", service.service, service.app_found);
    for (const auto& s : service.servers) {
      text += fmt::format("  {} {}:{} {}\n", s.name, s.address, s.port, s.task_id);
    }
  }
  for (const auto& problem : model.problems) text += fmt::format("problem {}\n", problem.message);
  return text;
}

// The one service's servers as "address:port" strings.
std::vector<std::string> addresses(const Model& model) {
  std::vector<std::string> out;
  for (const auto& server : model.services.at(0).servers) {
    out.push_back(fmt::format("{}:{}", server.address, server.port));
  }
  return out;
}

std::vector<std::string> messages(const Model& model) {
  std::vector<std::string> out;
  for (const auto& problem : model.problems) out.push_back(problem.message);
  return out;
}

}  // namespace

TEST_CASE("skylr::build_model selects running, healthy tasks") {
  struct Case {
    const char* what;
    std::optional<std::string> state;
    bool started;
    std::vector<bool> alive;
    bool respect_marathon;
    bool serves;
  };
  const Case cases[] = {
      {"running", "TASK_RUNNING", true, {}, true, true},
      {"staging", "TASK_STAGING", false, {}, true, false},
      {"starting", "TASK_STARTING", true, {}, true, false},
      {"killing", "TASK_KILLING", true, {}, true, false},
      {"killed", "TASK_KILLED", true, {}, true, false},
      {"unreachable", "TASK_UNREACHABLE", true, {}, true, false},
      {"legacy started", std::nullopt, true, {}, true, true},
      {"legacy staging", std::nullopt, false, {}, true, false},
      {"healthy", "TASK_RUNNING", true, {true, true}, true, true},
      {"one check dead", "TASK_RUNNING", true, {true, false}, true, false},
      {"dead, marathon ignored", "TASK_RUNNING", true, {false}, false, true},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    Task task = make_task("web.1", "10.0.0.1", {31000});
    task.state = c.state;
    task.started = c.started;
    task.health_alive = c.alive;
    ServiceConfig service = make_service("web", 3000);
    service.health.respect_marathon = c.respect_marathon;
    Model model = build_model(make_config({service}), {make_app("/web", {task})});
    REQUIRE(model.services.size() == 1);
    CHECK(model.services[0].app_found);
    CHECK(model.services[0].servers.size() == (c.serves ? 1u : 0u));
    CHECK(model.problems.empty());
  }
}

TEST_CASE("skylr::build_model addresses") {
  using enum Networking;
  struct Case {
    const char* what;
    Networking networking;
    std::optional<int> backend_port;
    int port_index;
    std::vector<TaskIpAddress> ips;
    std::vector<int> container_ports;
    std::string expected;  // "address:port", or the problem message
  };
  const std::vector<TaskIpAddress> v4_and_v6 = {{"fd00::5", "IPv6"}, {"172.17.0.2", "IPv4"}};
  const std::vector<TaskIpAddress> v6_only = {{"fd00::5", "IPv6"}};
  const Case cases[] = {
      {"host, first port", kHost, std::nullopt, 0, {}, {}, "agent1:31000"},
      {"host, second port", kHost, std::nullopt, 1, {}, {}, "agent1:31001"},
      {"host, backend_port", kHost, 3002, 0, {}, {}, "agent1:3002"},
      {"bridge uses host ports", kBridge, std::nullopt, 0, v4_and_v6, {80}, "agent1:31000"},
      {"ip per task, IPv4 first", kContainer, std::nullopt, 0, v4_and_v6, {80, 81},
       "172.17.0.2:80"},
      {"ip per task, index 1", kContainer, std::nullopt, 1, v4_and_v6, {80, 81},
       "172.17.0.2:81"},
      {"ip per task, IPv6 only", kContainer, std::nullopt, 0, v6_only, {80}, "fd00::5:80"},
      {"ip per task, family from the form", kContainer, std::nullopt, 0,
       {{"fd00::7", ""}, {"10.1.1.1", ""}}, {80}, "10.1.1.1:80"},
      {"ip per task, backend_port", kContainer, 8080, 0, v4_and_v6, {}, "172.17.0.2:8080"},
      {"ip per task, no container port", kContainer, std::nullopt, 0, v4_and_v6, {0},
       "agent1:31000"},
      {"ip per task, no IP", kContainer, std::nullopt, 0, {}, {80}, "agent1:31000"},
      {"no port at index", kHost, std::nullopt, 2, {}, {},
       "app /web: task web.1 has no port at index 2"},
      {"negative index", kHost, std::nullopt, -1, {}, {},
       "app /web: task web.1 has no port at index -1"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    Task task = make_task("web.1", "agent1", {31000, 31001});
    task.ip_addresses = c.ips;
    App app = make_app("/web", {task});
    app.networking = c.networking;
    app.container_ports = c.container_ports;
    ServiceConfig service = make_service("web", 3000);
    service.backend_port = c.backend_port;
    service.port_index = c.port_index;
    Model model = build_model(make_config({service}), {app});
    if (model.problems.empty()) {
      CHECK(addresses(model) == std::vector<std::string>{c.expected});
    } else {
      CHECK(addresses(model).empty());
      CHECK(messages(model) == std::vector<std::string>{c.expected});
    }
  }
}

TEST_CASE("skylr::build_model leaves out tasks it cannot render safely") {
  ServiceConfig service = make_service("web", 3000);
  struct Case {
    Task task;
    std::string problem;
  };
  const Case cases[] = {
      {make_task("web.1", "a\nb", {31000}),
       R"(app /web: task web.1: host "a\nb" is not a valid host name or IP address)"},
      {make_task("web.2", "a b", {31000}),
       R"(app /web: task web.2: host "a b" is not a valid host name or IP address)"},
      {make_task("web.3", "h#x", {31000}),
       R"(app /web: task web.3: host "h#x" is not a valid host name or IP address)"},
      {make_task("web.4", "\"h\"", {31000}),
       R"(app /web: task web.4: host "\"h\"" is not a valid host name or IP address)"},
      {make_task("web.5", "", {31000}), "app /web: task web.5 has no host"},
      {make_task("web\n  server evil 6.6.6.6:80", "h", {31000}),
       R"(app /web: task id "web\n  server evil 6.6.6.6:80" is not printable ASCII)"
       " without spaces"},
      {make_task("", "h", {31000}),
       R"(app /web: task id "" is not printable ASCII without spaces)"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.problem);
    Model model = build_model(make_config({service}), {make_app("/web", {c.task})});
    CHECK(model.services.at(0).servers.empty());
    REQUIRE(model.problems.size() == 1);
    CHECK(model.problems[0].app_id == "/web");
    CHECK(model.problems[0].message == c.problem);
  }

  SUBCASE("hostile IP address of an IP-per-task task") {
    Task task = make_task("web.1", "agent1", {31000});
    task.ip_addresses = {{"10.0.0.1\n#", "IPv4"}};
    App app = make_app("/web", {task});
    app.networking = Networking::kContainer;
    app.container_ports = {80};
    Model model = build_model(make_config({service}), {app});
    CHECK(messages(model) == std::vector<std::string>{
        R"(app /web: task web.1: host "10.0.0.1\n#" is not a valid host name or IP address)"});
  }
}

TEST_CASE("skylr::build_model services and apps") {
  Config config = make_config({make_service("web", 3000), make_service("api", 3001)});

  SUBCASE("missing app and app without tasks") {
    Model model = build_model(config, {make_app("/api", {})});
    CHECK(describe(model) == "service api found=true\nservice web found=false\n");
  }
  SUBCASE("nested group ids match exactly") {
    ServiceConfig nested = make_service("grp/sub/app", 3002);
    Model model = build_model(make_config({nested}),
                              {make_app("/grp/sub", {make_task("a.1", "h1", {1})}),
                               make_app("/grp/sub/app", {make_task("b.2", "h2", {2})})});
    CHECK(describe(model) == "service grp/sub/app found=true\n  b.2 h2:2 b.2\n");
  }
  SUBCASE("a task listed twice is one server") {
    Task task = make_task("web.8cad6a69-6ca8-11e7-beb2-0e2beceebfcc", "h1", {31000});
    Model model = build_model(config, {make_app("/web", {task, task})});
    CHECK(model.services[1].servers.size() == 1);
    CHECK(model.services[1].servers[0].name == "t-8cad6a69-6ca8-11e7-beb2-0e2beceebfcc");
  }
  SUBCASE("problems are listed once per app, in service then task order") {
    ServiceConfig second = make_service("web2", 3003);
    second.app_id = "/web";
    Config shared = make_config({make_service("api", 3001), make_service("web", 3000), second});
    std::vector<App> apps = {
        make_app("/web", {make_task("w.2", "h", {}), make_task("w.1", "h", {})}),
        make_app("/api", {make_task("a.9", "a b", {1})})};
    Model model = build_model(shared, apps);
    CHECK(messages(model) == std::vector<std::string>{
        R"(app /api: task a.9: host "a b" is not a valid host name or IP address)",
        "app /web: task w.1 has no port at index 0",
        "app /web: task w.2 has no port at index 0"});
  }
}

TEST_CASE("skylr::build_model keeps the last known servers of a malformed app") {
  Config config = make_config({make_service("web", 3000), make_service("api", 3001)});
  Model previous = build_model(config, {make_app("/web", {make_task("web.1", "h1", {1})}),
                                        make_app("/api", {make_task("api.1", "h2", {2})})});
  App malformed;
  malformed.id = "/web";
  malformed.malformed = "apps[0].tasks: missing or null, though the answer embeds apps.tasks";

  Model model = build_model(config, {malformed, make_app("/api", {make_task("api.2", "h3", {3})})}, previous);
  CHECK(describe(model) ==
        "service api found=true\n"
        "  api.2 h3:3 api.2\n"
        "service web found=true\n"
        "  web.1 h1:1 web.1\n"
        "problem app /web: Marathon's answer for it is malformed (apps[0].tasks: missing or null, though "
        "the answer embeds apps.tasks); keeping its 1 last known server\n");
  CHECK(model.services[1].last_known);
  CHECK_FALSE(model.services[0].last_known);
  REQUIRE(model.problems.size() == 1);
  CHECK(model.problems[0].kind == ProblemKind::kAppKept);
  CHECK(model.problems[0].app_id == "/web");

  SUBCASE("kept again from a model that kept them") {
    Model again = build_model(config, {malformed}, model);
    CHECK(again.services[1].servers.size() == 1);
    CHECK(again.services[0].servers.empty());
  }
  SUBCASE("nothing known: no servers, the problem says so") {
    Model fresh = build_model(config, {malformed});
    CHECK(fresh.services[1].servers.empty());
    CHECK(messages(fresh) == std::vector<std::string>{
        "app /web: Marathon's answer for it is malformed (apps[0].tasks: missing or null, though the "
        "answer embeds apps.tasks); it has no servers until Marathon answers it whole"});
  }
}

TEST_CASE("skylr::build_model does not depend on Marathon's order") {
  Config config = make_config({make_service("web", 3000), make_service("api", 3001)});
  std::vector<App> apps = {
      make_app("/web", {make_task("web.c", "h3", {3}), make_task("web.a", "h1", {1}),
                        make_task("web.b", "bad host", {2}), make_task("web.d", "h4", {})}),
      make_app("/api", {make_task("api.8cad6a69-6ca8-11e7-beb2-0e2beceebfcc", "h5", {5}),
                        make_task("api.0cad6a69-6ca8-11e7-beb2-0e2beceebfcc", "h6", {6})}),
      make_app("/other", {make_task("other.1", "h7", {7})}),
  };
  const std::string expected =
      "service api found=true\n"
      "  t-0cad6a69-6ca8-11e7-beb2-0e2beceebfcc h6:6 api.0cad6a69-6ca8-11e7-beb2-0e2beceebfcc\n"
      "  t-8cad6a69-6ca8-11e7-beb2-0e2beceebfcc h5:5 api.8cad6a69-6ca8-11e7-beb2-0e2beceebfcc\n"
      "service web found=true\n"
      "  web.a h1:1 web.a\n"
      "  web.c h3:3 web.c\n"
      "problem app /web: task web.b: host \"bad host\" is not a valid host name or IP address\n"
      "problem app /web: task web.d has no port at index 0\n";
  CHECK(describe(build_model(config, apps)) == expected);
  std::mt19937 random(42);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(apps.begin(), apps.end(), random);
    for (auto& app : apps) std::shuffle(app.tasks.begin(), app.tasks.end(), random);
    CHECK(describe(build_model(config, apps)) == expected);
  }
}

}  // namespace skylr
