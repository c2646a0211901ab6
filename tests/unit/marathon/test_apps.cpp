// parse_apps, parse_apps_with_tasks, parse_app and parse_app_with_tasks: both networking
// shapes, service ports, health checks, embedded tasks, defaults, and the exact error for
// each kind of malformed body or app.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "marathon/sample_answers.h"
#include "skylr/marathon.h"

namespace skylr {
namespace {

using test::describe;

struct Case {
  std::string_view body;
  std::string_view expected;  // describe() of the result, or the error message
};

void check_apps(const Case& c) {
  CAPTURE(c.body);
  auto apps = parse_apps(c.body);
  CHECK((apps.ok() ? describe(*apps) : apps.error().message) == c.expected);
}

TEST_CASE("skylr::parse_apps") {
  SUBCASE("Marathon 1.5+ answer") {
    check_apps({test::read_marathon_data("apps-1.5.json"),
                "/web instances=2 host container_ports=[] labels={team=frontend,tier=public} "
                "service_ports=[10000,10001] checks=[HTTP index=0 path=/ 60s/20s/3x]\n"
                "  web.5f1e2a7c-0001-11ef-9c3b-0242ac110002 app=/web host=agent-1.example.net "
                "ports=[31000,31001] ips=[10.0.1.11/IPv4] state=TASK_RUNNING started "
                "health=[alive]\n"
                "  web.5f1e2a7c-0002-11ef-9c3b-0242ac110002 app=/web host=agent-2.example.net "
                "ports=[31002,31003] ips=[] state=TASK_STAGING not-started health=[]\n"
                "/grp/sub/api instances=3 bridge container_ports=[8080,9090] labels={} "
                "service_ports=[10100,10101] checks=[MESOS_HTTP index=1 path=/health 10s/5s/2x; "
                "COMMAND index=0 path=/ 60s/20s/3x]\n"
                "  grp_sub_api.aa01 app=/grp/sub/api host=10.0.1.21 ports=[31100,31101] ips=[] "
                "state=TASK_RUNNING started health=[dead]\n"
                "  grp_sub_api.aa02 app=/grp/sub/api host=10.0.1.22 ports=[31102,31103] ips=[] "
                "state=TASK_KILLED started health=[]\n"
                "  grp_sub_api.aa03 app=/grp/sub/api host=10.0.1.23 ports=[31104,31105] ips=[] "
                "state=TASK_RUNNING started health=[alive,alive]\n"
                "/overlay instances=1 container container_ports=[80] labels={} service_ports=[10200]\n"
                "  overlay.bb01 app=/overlay host=10.0.1.31 ports=[] "
                "ips=[9.0.4.7/IPv4,fd01:b::4:7/IPv6] state=TASK_RUNNING started health=[]\n"
                "/idle instances=0 host container_ports=[] labels={} service_ports=[10300]\n"});
  }
  SUBCASE("answer of Marathon before 1.5") {
    check_apps({test::read_marathon_data("apps-legacy.json"),
                "/skylr instances=2 bridge container_ports=[3000] labels={owner=ops} service_ports=[10000]\n"
                "  skylr.1c0ffee0-53b1-11e4-8ac2-525400700df7 app=- host=10.17.1.15 ports=[31443] "
                "ips=[] state=- started health=[]\n"
                "  skylr.1c0ffee1-53b1-11e4-8ac2-525400700df7 app=- host=10.17.1.16 ports=[31290] "
                "ips=[] state=- not-started health=[]\n"
                "/legacy/ipt instances=1 container container_ports=[8080] labels={}\n"
                "  legacy_ipt.cc01 app=/legacy/ipt host=10.17.2.3 ports=[] "
                "ips=[192.168.50.9/IPv4] state=TASK_RUNNING started health=[]\n"
                "/legacy/user-net instances=1 container container_ports=[7000,0] labels={} "
                "service_ports=[0,0]\n"
                "/legacy/plain instances=1 host container_ports=[] labels={} service_ports=[10002] "
                "checks=[TCP index=0 path=/ 30s/10s/0x; HTTP port=8081 path=/ping 60s/20s/3x]\n"
                "  legacy_plain.dd01 app=/legacy/plain host=10.17.2.4 ports=[31500] ips=[] "
                "state=TASK_RUNNING started health=[dead]\n"});
  }
  SUBCASE("networking and container ports") {
    const Case cases[] = {
        {R"({"apps":[{"id":"a"}]})", "/a instances=0 host container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","networks":[]}]})",
         "/a instances=0 host container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","networks":[{"mode":"host"}]}]})",
         "/a instances=0 host container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","networks":[{"mode":"container/bridge"}],
             "container":{"portMappings":[{"containerPort":80},{"hostPort":0}]}}]})",
         "/a instances=0 bridge container_ports=[80,0] labels={} service_ports=[0,0]\n"},
        {R"({"apps":[{"id":"/a","networks":[{"mode":"container","name":"n1"}]}]})",
         "/a instances=0 container container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","networks":[{"name":"n1"}]}]})",
         "/a instances=0 container container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","networks":[{"mode":"container/bridge"},{"mode":"container"}]}]})",
         "/a instances=0 container container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","networks":[{"mode":"container"},{"mode":"container/bridge"}]}]})",
         "/a instances=0 container container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","networks":[{"mode":"overlay-of-the-future"}]}]})",
         "/a instances=0 host container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","networks":[{"mode":"host"}],
             "container":{"docker":{"network":"BRIDGE"}},"ipAddress":{}}]})",
         "/a instances=0 host container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","container":{"docker":{"network":"BRIDGE"}}}]})",
         "/a instances=0 bridge container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","container":{"docker":{"network":"USER"}}}]})",
         "/a instances=0 container container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","container":{"docker":{"network":"HOST"}}}]})",
         "/a instances=0 host container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","ipAddress":{}}]})",
         "/a instances=0 container container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","ipAddress":{"discovery":{"ports":[{"number":81},{"name":"x"}]}},
             "container":{"docker":{"portMappings":[{"containerPort":9}]}}}]})",
         "/a instances=0 container container_ports=[81,0] labels={} service_ports=[0]\n"},
        {R"({"apps":[{"id":"/a","container":{"portMappings":[{"containerPort":1}],
             "docker":{"portMappings":[{"containerPort":2}]}}}]})",
         "/a instances=0 host container_ports=[1] labels={} service_ports=[0]\n"},
    };
    for (const auto& c : cases) check_apps(c);
  }
  SUBCASE("service ports: the first list that has any") {
    const Case cases[] = {
        {R"({"apps":[{"id":"/a","portDefinitions":[{"port":10000},{"name":"x"}],"ports":[5],
             "container":{"portMappings":[{"containerPort":80,"servicePort":9}]}}]})",
         "/a instances=0 host container_ports=[80] labels={} service_ports=[10000,0]\n"},
        {R"({"apps":[{"id":"/a","portDefinitions":[],"ports":[5],
             "container":{"portMappings":[{"containerPort":80,"servicePort":10001},{"containerPort":81}]}}]})",
         "/a instances=0 host container_ports=[80,81] labels={} service_ports=[10001,0]\n"},
        {R"({"apps":[{"id":"/a","ports":[10000],"container":{"docker":{"network":"BRIDGE",
             "portMappings":[{"containerPort":3000,"servicePort":10000,"hostPort":0}]}}}]})",
         "/a instances=0 bridge container_ports=[3000] labels={} service_ports=[10000]\n"},
        {R"({"apps":[{"id":"/a","container":{"portMappings":[],"docker":{"portMappings":[{"servicePort":7}]}}}]})",
         "/a instances=0 host container_ports=[0] labels={} service_ports=[7]\n"},
        {R"({"apps":[{"id":"/a","ipAddress":{"discovery":{"ports":[{"number":81}]}},"ports":[10005]}]})",
         "/a instances=0 container container_ports=[81] labels={} service_ports=[10005]\n"},
        {R"({"apps":[{"id":"/a","ports":[10002,0,65535]}]})",
         "/a instances=0 host container_ports=[] labels={} service_ports=[10002,0,65535]\n"},
        {R"({"apps":[{"id":"/a","portDefinitions":null,"ports":null}]})",
         "/a instances=0 host container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","portDefinitions":[{"port":null}]}]})",
         "/a instances=0 host container_ports=[] labels={} service_ports=[0]\n"},
        // A list after the one that decides is not read.
        {R"({"apps":[{"id":"/a","portDefinitions":[{"port":1}],"ports":"x"}]})",
         "/a instances=0 host container_ports=[] labels={} service_ports=[1]\n"},
    };
    for (const auto& c : cases) check_apps(c);
  }
  SUBCASE("health checks, with Marathon's defaults") {
    const Case cases[] = {
        {R"({"apps":[{"id":"/a","healthChecks":[]}]})", "/a instances=0 host container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","healthChecks":[{}]}]})",
         "/a instances=0 host container_ports=[] labels={} checks=[HTTP index=0 path=/ 60s/20s/3x]\n"},
        {R"({"apps":[{"id":"/a","healthChecks":[{"protocol":null,"portIndex":null,"port":null,"path":null,
             "intervalSeconds":null,"timeoutSeconds":null,"maxConsecutiveFailures":null}]}]})",
         "/a instances=0 host container_ports=[] labels={} checks=[HTTP index=0 path=/ 60s/20s/3x]\n"},
        {R"({"apps":[{"id":"/a","healthChecks":[{"protocol":"MESOS_HTTPS","portIndex":1023,"path":"/health?x=1",
             "intervalSeconds":0,"timeoutSeconds":86400,"maxConsecutiveFailures":1000000,
             "gracePeriodSeconds":"ignored","command":{"value":"true"},"ignoreHttp1xx":7}]}]})",
         "/a instances=0 host container_ports=[] labels={} "
         "checks=[MESOS_HTTPS index=1023 path=/health?x=1 0s/86400s/1000000x]\n"},
        {R"({"apps":[{"id":"/a","healthChecks":[{"protocol":"MESOS_TCP","port":0},
             {"protocol":"TCP","port":65535,"portIndex":3},{"protocol":"SOMETHING_NEW_012345678901234567"}]}]})",
         "/a instances=0 host container_ports=[] labels={} checks=[MESOS_TCP port=0 path=/ 60s/20s/3x; "
         "TCP port=65535 path=/ 60s/20s/3x; SOMETHING_NEW_012345678901234567 index=0 path=/ 60s/20s/3x]\n"},
    };
    for (const auto& c : cases) check_apps(c);
  }
  SUBCASE("ids, defaults and ignored fields") {
    const Case cases[] = {
        {R"({"apps":[]})", ""},
        {R"({"apps":[{"id":"/grp/sub/app"},{"id":"grp//x/"}]})",
         "/grp/sub/app instances=0 host container_ports=[] labels={}\n"
         "/grp/x instances=0 host container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","instances":null,"labels":null,"tasks":null,"container":null,
             "networks":null,"ipAddress":null}]})",
         "/a instances=0 host container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","container":{"docker":null,"portMappings":null}}]})",
         "/a instances=0 host container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","cpus":"lots","env":5,"readinessChecks":"x","servicePorts":"y",
             "upgradeStrategy":7,"version":[],"deployments":{}}],"extra":1})",
         "/a instances=0 host container_ports=[] labels={}\n"},
        {R"({"apps":[{"id":"/a","labels":{"b":"2","a":"1","":""}}]})",
         "/a instances=0 host container_ports=[] labels={=,a=1,b=2}\n"},
    };
    for (const auto& c : cases) check_apps(c);
  }
  SUBCASE("NUL bytes") {
    using namespace std::string_view_literals;
    auto escaped = parse_apps(R"({"apps":[{"id":"a\u0000b"}]})");
    REQUIRE(escaped.ok());
    CHECK(escaped->at(0).id == "/a\0b"sv);
    // RapidJSON reads a raw NUL as the end of the text.
    check_apps({"{\"apps\":[]}\0trailing"sv, ""});
    check_apps({"{\"apps\":[{\"id\":\"a\0\"}]}"sv,
                "apps: invalid JSON at line 1, column 18: Missing a closing quotation mark in "
                "string."});
  }
  SUBCASE("malformed bodies") {
    const Case cases[] = {
        {"", "apps: invalid JSON at line 1, column 1: The document is empty."},
        {"not json", "apps: invalid JSON at line 1, column 2: Invalid value."},
        {"<html>502 Bad Gateway</html>", "apps: invalid JSON at line 1, column 1: Invalid value."},
        {"{\"apps\":[\n{\"id\":\"/a\",}]}",
         "apps: invalid JSON at line 2, column 12: Missing a name for object member."},
        {R"({"apps":[]} [])",
         "apps: invalid JSON at line 1, column 13: The document root must not be followed by "
         "other values."},
        {R"({"apps":[{"id":"/a","instances":1e999}]})",
         "apps: invalid JSON at line 1, column 33: Number too big to be stored in double."},
        {"[]", "(document): expected an object, got an array"},
        {R"("apps")", R"((document): expected an object, got "apps")"},
        {"{}", "apps: required key is missing"},
        {R"({"apps":null})", "apps: required key is missing"},
        {R"({"apps":{}})", "apps: expected an array, got an object"},
        {R"({"apps":[[[[["deep"]]]]]})", "apps[0]: expected an object, got an array"},
        {R"({"apps":[{"id":"/a"},7]})", "apps[1]: expected an object, got 7"},
        {R"({"apps":[{"instances":1}]})", "apps[0].id: required key is missing"},
        {R"({"apps":[{"id":null}]})", "apps[0].id: required key is missing"},
        {R"({"apps":[{"id":42}]})", "apps[0].id: expected a string, got 42"},
        {R"({"apps":[{"id":"/a","instances":"3"}]})",
         R"(apps[0].instances: expected an integer, got "3")"},
        {R"({"apps":[{"id":"/a","instances":2.5}]})",
         "apps[0].instances: expected an integer, got 2.5"},
        {R"({"apps":[{"id":"/a","instances":4294967296}]})",
         "apps[0].instances: expected an integer, got 4294967296"},
        {R"({"apps":[{"id":"/a","labels":{"ok":"1","n":1}}]})",
         "apps[0].labels.n: expected a string, got 1"},
        {R"({"apps":[{"id":"/a","labels":["x"]}]})",
         "apps[0].labels: expected an object, got an array"},
        {R"({"apps":[{"id":"/a","networks":"host"}]})",
         R"(apps[0].networks: expected an array, got "host")"},
        {R"({"apps":[{"id":"/a","networks":["host"]}]})",
         R"(apps[0].networks[0]: expected an object, got "host")"},
        {R"({"apps":[{"id":"/a","networks":[{"mode":1}]}]})",
         "apps[0].networks[0].mode: expected a string, got 1"},
        {R"({"apps":[{"id":"/a","container":"DOCKER"}]})",
         R"(apps[0].container: expected an object, got "DOCKER")"},
        {R"({"apps":[{"id":"/a","container":{"docker":true}}]})",
         "apps[0].container.docker: expected an object, got true"},
        {R"({"apps":[{"id":"/a","container":{"docker":{"network":0}}}]})",
         "apps[0].container.docker.network: expected a string, got 0"},
        {R"({"apps":[{"id":"/a","container":{"portMappings":{}}}]})",
         "apps[0].container.portMappings: expected an array, got an object"},
        {R"({"apps":[{"id":"/a","container":{"portMappings":[{"containerPort":"80"}]}}]})",
         R"(apps[0].container.portMappings[0].containerPort: expected an integer 0-65535, got "80")"},
        {R"({"apps":[{"id":"/a","container":{"docker":{"portMappings":[8080]}}}]})",
         "apps[0].container.docker.portMappings[0]: expected an object, got 8080"},
        {R"({"apps":[{"id":"/a","ipAddress":"10.0.0.1"}]})",
         R"(apps[0].ipAddress: expected an object, got "10.0.0.1")"},
        {R"({"apps":[{"id":"/a","ipAddress":{"discovery":{"ports":[{"number":-1}]}}}]})",
         "apps[0].ipAddress.discovery.ports[0].number: expected an integer 0-65535, got -1"},
        {R"({"apps":[{"id":"/a","container":{"portMappings":[{"containerPort":80,"servicePort":-1}]}}]})",
         "apps[0].container.portMappings[0].servicePort: expected an integer 0-65535, got -1"},
        {R"({"apps":[{"id":"/a","container":{"docker":{"portMappings":[{"servicePort":"10000"}]}}}]})",
         R"(apps[0].container.docker.portMappings[0].servicePort: expected an integer 0-65535, got "10000")"},
        {R"({"apps":[{"id":"/a","portDefinitions":"x"}]})",
         R"(apps[0].portDefinitions: expected an array, got "x")"},
        {R"({"apps":[{"id":"/a","portDefinitions":[10000]}]})",
         "apps[0].portDefinitions[0]: expected an object, got 10000"},
        {R"({"apps":[{"id":"/a","portDefinitions":[{"port":80},{"port":70000}]}]})",
         "apps[0].portDefinitions[1].port: expected an integer 0-65535, got 70000"},
        {R"({"apps":[{"id":"/a","ports":{}}]})", "apps[0].ports: expected an array, got an object"},
        {R"({"apps":[{"id":"/a","ports":[10000,"y"]}]})",
         R"(apps[0].ports[1]: expected an integer 0-65535, got "y")"},
        {R"({"apps":[{"id":"/a","ports":[null]}]})", "apps[0].ports[0]: expected an integer 0-65535, got null"},
        {R"({"apps":[{"id":"/a","healthChecks":7}]})", "apps[0].healthChecks: expected an array, got 7"},
        {R"({"apps":[{"id":"/a","healthChecks":[{},"HTTP"]}]})",
         R"(apps[0].healthChecks[1]: expected an object, got "HTTP")"},
        {R"({"apps":[{"id":"/a","healthChecks":[{},{"intervalSeconds":"5"}]}]})",
         R"(apps[0].healthChecks[1].intervalSeconds: expected an integer 0-86400, got "5")"},
        {R"({"apps":[{"id":"/a","healthChecks":[{"intervalSeconds":-1}]}]})",
         "apps[0].healthChecks[0].intervalSeconds: expected an integer 0-86400, got -1"},
        {R"({"apps":[{"id":"/a","healthChecks":[{"timeoutSeconds":86401}]}]})",
         "apps[0].healthChecks[0].timeoutSeconds: expected an integer 0-86400, got 86401"},
        {R"({"apps":[{"id":"/a","healthChecks":[{"timeoutSeconds":2.5}]}]})",
         "apps[0].healthChecks[0].timeoutSeconds: expected an integer 0-86400, got 2.5"},
        {R"({"apps":[{"id":"/a","healthChecks":[{"maxConsecutiveFailures":1000001}]}]})",
         "apps[0].healthChecks[0].maxConsecutiveFailures: expected an integer 0-1000000, got 1000001"},
        {R"({"apps":[{"id":"/a","healthChecks":[{"portIndex":1024}]}]})",
         "apps[0].healthChecks[0].portIndex: expected an integer 0-1023, got 1024"},
        {R"({"apps":[{"id":"/a","healthChecks":[{"portIndex":-1}]}]})",
         "apps[0].healthChecks[0].portIndex: expected an integer 0-1023, got -1"},
        {R"({"apps":[{"id":"/a","healthChecks":[{"port":65536}]}]})",
         "apps[0].healthChecks[0].port: expected an integer 0-65535, got 65536"},
        {R"({"apps":[{"id":"/a","healthChecks":[{"path":5}]}]})",
         "apps[0].healthChecks[0].path: expected a string, got 5"},
        {R"({"apps":[{"id":"/a","healthChecks":[{"protocol":["HTTP"]}]}]})",
         "apps[0].healthChecks[0].protocol: expected a string, got an array"},
        {R"({"apps":[{"id":"/a","healthChecks":[{"protocol":"SOMETHING_NEW_0123456789012345678"}]}]})",
         "apps[0].healthChecks[0].protocol: expected a string of at most 32 characters, got "
         R"("SOMETHING_NEW_0123456789012345678")"},
        {R"({"apps":[{"id":"/a","tasks":{}}]})", "apps[0].tasks: expected an array, got an object"},
        {R"({"apps":[{"id":"/a"},{"id":"/b","tasks":[{"id":"b.1","ports":[31000,"x"]}]}]})",
         R"(apps[1].tasks[0].ports[1]: expected an integer 0-65535, got "x")"},
        {R"({"apps":[{"id":"/a","tasks":[{"id":"a.1","ports":[99999999999999999999]}]}]})",
         "apps[0].tasks[0].ports[0]: expected an integer 0-65535, got 1e+20"},
        {R"({"apps":[{"id":"/a","tasks":[{"host":"h"}]}]})",
         "apps[0].tasks[0].id: required key is missing"},
    };
    for (const auto& c : cases) check_apps(c);
  }
}

TEST_CASE("skylr::parse_apps_with_tasks") {
  const Case cases[] = {
      // Whole answers read as parse_apps reads them.
      {R"({"apps":[{"id":"/a","tasks":[]}]})", "/a instances=0 host container_ports=[] labels={}\n"},
      {R"({"apps":[]})", ""},
      // An app that cannot be read whole is malformed; the others are read.
      {R"({"apps":[{"id":"/a","instances":2},{"id":"/b","tasks":[]}]})",
       "/a malformed: apps[0].tasks: missing or null, though the answer embeds apps.tasks\n"
       "/b instances=0 host container_ports=[] labels={}\n"},
      {R"({"apps":[{"id":"/a","tasks":null}]})",
       "/a malformed: apps[0].tasks: missing or null, though the answer embeds apps.tasks\n"},
      {R"({"apps":[{"id":"/a","tasks":{}}]})", "/a malformed: apps[0].tasks: expected an array, got an object\n"},
      {R"({"apps":[{"id":"/a","tasks":[7]}]})", "/a malformed: apps[0].tasks[0]: expected an object, got 7\n"},
      {R"({"apps":[{"id":"/a","tasks":[{"id":"a.1","ports":["x"]}]}]})",
       R"(/a malformed: apps[0].tasks[0].ports[0]: expected an integer 0-65535, got "x")" "\n"},
      {R"({"apps":[{"id":"/a","tasks":[],"labels":{"n":1}}]})",
       "/a malformed: apps[0].labels.n: expected a string, got 1\n"},
      {R"({"apps":[{"id":"/a","tasks":[],"networks":"host"}]})",
       R"(/a malformed: apps[0].networks: expected an array, got "host")" "\n"},
      {R"({"apps":[{"id":"/a","tasks":[],"healthChecks":[{"intervalSeconds":86401}]},
           {"id":"/b","tasks":[],"portDefinitions":[{"port":"80"}]},
           {"id":"/c","tasks":[],"portDefinitions":[{"port":80}],"healthChecks":[{"protocol":"TCP"}]}]})",
       "/a malformed: apps[0].healthChecks[0].intervalSeconds: expected an integer 0-86400, got 86401\n"
       R"(/b malformed: apps[1].portDefinitions[0].port: expected an integer 0-65535, got "80")" "\n"
       "/c instances=0 host container_ports=[] labels={} service_ports=[80] checks=[TCP index=0 path=/ 60s/20s/3x]\n"},
      // Without a readable id, no app can be blamed: the whole answer fails.
      {R"({"apps":[{"tasks":[]}]})", "apps[0].id: required key is missing"},
      {R"({"apps":[{"id":7,"tasks":[]}]})", "apps[0].id: expected a string, got 7"},
      {R"({"apps":[{"id":"/a","tasks":[]},"x"]})", R"(apps[1]: expected an object, got "x")"},
      {R"({"apps":null})", "apps: required key is missing"},
      {"nope", "apps: invalid JSON at line 1, column 2: Invalid value."},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    auto apps = parse_apps_with_tasks(c.body);
    CHECK((apps.ok() ? describe(*apps) : apps.error().message) == c.expected);
  }
}

TEST_CASE("skylr::parse_app") {
  const Case cases[] = {
      {R"({"app":{"id":"/grp/app","instances":1,"networks":[{"mode":"container/bridge"}],
           "container":{"portMappings":[{"containerPort":8080}]},
           "tasks":[{"id":"grp_app.1","host":"h1","ports":[31000],"state":"TASK_RUNNING",
                     "startedAt":"2024-01-01T00:00:00Z"}]}})",
       "/grp/app instances=1 bridge container_ports=[8080] labels={} service_ports=[0]\n"
       "  grp_app.1 app=- host=h1 ports=[31000] ips=[] state=TASK_RUNNING started health=[]\n"},
      {"{\"app\":{\"id\":\"x\"}}\n", "/x instances=0 host container_ports=[] labels={}\n"},
      {"nope", "app: invalid JSON at line 1, column 2: Invalid value."},
      {R"({"apps":[{"id":"/x"}]})", "app: required key is missing"},
      {R"({"app":[]})", "app: expected an object, got an array"},
      {R"({"app":{"id":"/x","tasks":[{"id":1}]}})", "app.tasks[0].id: expected a string, got 1"},
      {R"({"app":{"id":"/x","healthChecks":[{"maxConsecutiveFailures":-3}]}})",
       "app.healthChecks[0].maxConsecutiveFailures: expected an integer 0-1000000, got -3"},
      {R"({"app":{"id":"/x","portDefinitions":[{"port":10000}],"healthChecks":[{"protocol":"HTTPS","path":"/s"}]}})",
       "/x instances=0 host container_ports=[] labels={} service_ports=[10000] "
       "checks=[HTTPS index=0 path=/s 60s/20s/3x]\n"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    auto app = parse_app(c.body);
    CHECK((app.ok() ? describe(*app) : app.error().message) == c.expected);
  }
}

TEST_CASE("skylr::parse_app_with_tasks") {
  const Case cases[] = {
      // A whole answer reads as parse_app reads it.
      {R"({"app":{"id":"/grp/web","instances":2,"labels":{"team":"a"},"tasksRunning":2,"deployments":[],
           "tasks":[{"id":"grp_web.1","appId":"/grp/web","host":"10.0.0.1","ports":[31000],
                     "state":"TASK_RUNNING","startedAt":"2024-01-01T00:00:00.000Z",
                     "healthCheckResults":[{"alive":true,"instanceId":"grp_web.1"}]},
                    {"id":"grp_web.2","appId":"/grp/web","host":"10.0.0.2","ports":[31001],
                     "state":"TASK_STAGING"}]}})",
       "/grp/web instances=2 host container_ports=[] labels={team=a}\n"
       "  grp_web.1 app=/grp/web host=10.0.0.1 ports=[31000] ips=[] state=TASK_RUNNING started "
       "health=[alive]\n"
       "  grp_web.2 app=/grp/web host=10.0.0.2 ports=[31001] ips=[] state=TASK_STAGING not-started "
       "health=[]\n"},
      {R"({"app":{"id":"web","tasks":[]}})", "/web instances=0 host container_ports=[] labels={}\n"},
      // An app that cannot be read whole is malformed, as in the list.
      {R"({"app":{"id":"/web","instances":2}})",
       "/web malformed: app.tasks: missing or null, though the answer embeds app.tasks\n"},
      {R"({"app":{"id":"/web","tasks":null}})",
       "/web malformed: app.tasks: missing or null, though the answer embeds app.tasks\n"},
      {R"({"app":{"id":"/web","tasks":[{"id":"web.1","ports":[70000]}]}})",
       "/web malformed: app.tasks[0].ports[0]: expected an integer 0-65535, got 70000\n"},
      {R"({"app":{"id":"/web","tasks":[],"container":{"portMappings":"x"}}})",
       R"(/web malformed: app.container.portMappings: expected an array, got "x")" "\n"},
      {R"({"app":{"id":"/web","tasks":[],"healthChecks":[{"port":-1}]}})",
       "/web malformed: app.healthChecks[0].port: expected an integer 0-65535, got -1\n"},
      {R"({"app":{"id":"/web","tasks":[],"ports":[10000],"healthChecks":[{"protocol":"MESOS_TCP","portIndex":0}]}})",
       "/web instances=0 host container_ports=[] labels={} service_ports=[10000] "
       "checks=[MESOS_TCP index=0 path=/ 60s/20s/3x]\n"},
      // Without an app and a readable id, nothing can be blamed: the answer fails.
      {R"({"app":{"tasks":[]}})", "app.id: required key is missing"},
      {R"({"app":{"id":["/web"],"tasks":[]}})", "app.id: expected a string, got an array"},
      {R"({"app":null})", "app: required key is missing"},
      {R"({"apps":[{"id":"/web","tasks":[]}]})", "app: required key is missing"},
      {R"({"app":"/web"})", R"(app: expected an object, got "/web")"},
      {R"([{"app":{}}])", "(document): expected an object, got an array"},
      {"<html>404</html>", "app: invalid JSON at line 1, column 1: Invalid value."},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    auto app = parse_app_with_tasks(c.body);
    CHECK((app.ok() ? describe(*app) : app.error().message) == c.expected);
  }
}

// Every truncation of a valid answer must fail cleanly, never crash or assert.
TEST_CASE("skylr::parse_apps truncated bodies") {
  for (const char* name : {"apps-1.5.json", "apps-legacy.json"}) {
    const std::string body = test::read_marathon_data(name);
    REQUIRE(parse_apps(body).ok());
    const std::size_t end = body.find_last_not_of(" \n") + 1;
    for (std::size_t size = 0; size < end; ++size) {
      auto apps = parse_apps(std::string_view(body).substr(0, size));
      REQUIRE_FALSE(apps.ok());
      CHECK(apps.error().message.rfind("apps: invalid JSON at line ", 0) == 0);
    }
  }
}

// Nesting is not limited by the stack: a million nested arrays are a type error.
TEST_CASE("skylr::parse_apps deep nesting") {
  constexpr std::size_t kDepth = 1'000'000;
  const std::string body =
      "{\"apps\":[" + std::string(kDepth, '[') + std::string(kDepth, ']') + "]}";
  auto apps = parse_apps(body);
  REQUIRE_FALSE(apps.ok());
  CHECK(apps.error().message == "apps[0]: expected an object, got an array");
}

// Replacing any byte of a valid answer by another token gives a value or an error, never a
// crash or a RapidJSON assertion (this binary is built with assertions on in Debug).
TEST_CASE("skylr::parse_apps mutated bodies") {
  const std::string body = test::read_marathon_data("apps-1.5.json");
  for (std::size_t i = 0; i < body.size(); ++i) {
    for (char replacement : {'"', '1', '[', '{', 'n', '}'}) {
      std::string mutated = body;
      mutated[i] = replacement;
      auto apps = parse_apps(mutated);
      if (!apps.ok()) CHECK_FALSE(apps.error().message.empty());
    }
  }
}

}  // namespace
}  // namespace skylr
