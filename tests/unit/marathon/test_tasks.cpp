// parse_tasks: task states, health results, addresses, very old task shapes, and the exact
// error for each kind of malformed body.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "marathon/sample_answers.h"
#include "skylr/marathon.h"

namespace skylr {
namespace {

struct Case {
  std::string_view body;
  std::string_view expected;  // one describe() line per task, or the error message
};

std::string describe_tasks(std::string_view body) {
  auto tasks = parse_tasks(body);
  if (!tasks.ok()) return tasks.error().message;
  std::string text;
  for (const auto& task : *tasks) text += test::describe(task) + "\n";
  return text;
}

TEST_CASE("skylr::parse_tasks") {
  SUBCASE("good bodies") {
    const Case cases[] = {
        {R"({"tasks":[]})", ""},
        // Very old Marathon: no `state`, no `appId`; `startedAt` says the task runs.
        {R"({"tasks":[{"id":"skylr.0a1b","host":"10.1.1.5","ports":[31443],
             "startedAt":"2014-10-14T14:47:27.445Z","stagedAt":"2014-10-14T14:47:26.327Z"},
             {"id":"skylr.0a1c","host":"10.1.1.6","ports":[31290],
             "stagedAt":"2014-10-14T14:47:26.327Z"}]})",
         "skylr.0a1b app=- host=10.1.1.5 ports=[31443] ips=[] state=- started health=[]\n"
         "skylr.0a1c app=- host=10.1.1.6 ports=[31290] ips=[] state=- not-started health=[]\n"},
        {R"({"tasks":[{"id":"a.1","appId":"a/","host":"h","ports":[0,65535],
             "state":"TASK_STAGING","servicePorts":[10000],"slaveId":"S0"}]})",
         "a.1 app=/a host=h ports=[0,65535] ips=[] state=TASK_STAGING not-started health=[]\n"},
        {R"({"tasks":[{"id":"a.2","appId":"/a","host":"h","ports":[31000],"state":"TASK_KILLED",
             "startedAt":"2024-01-01T00:00:00Z"}]})",
         "a.2 app=/a host=h ports=[31000] ips=[] state=TASK_KILLED started health=[]\n"},
        {R"({"tasks":[{"id":"a.3","appId":"/a","host":"h","state":"TASK_RUNNING",
             "startedAt":"2024-01-01T00:00:00Z",
             "healthCheckResults":[{"alive":true,"consecutiveFailures":0},
                                   {"alive":false,"lastFailureCause":"timeout"}]}]})",
         "a.3 app=/a host=h ports=[] ips=[] state=TASK_RUNNING started health=[alive,dead]\n"},
        {R"({"tasks":[{"id":"g_b.1","appId":"/g/b","host":"agent-7","ports":[],
             "ipAddresses":[{"ipAddress":"9.0.0.5","protocol":"IPv4"},{"ipAddress":"fd00::5"}],
             "state":"TASK_RUNNING","startedAt":"2024-01-01T00:00:00Z"}]})",
         "g_b.1 app=/g/b host=agent-7 ports=[] ips=[9.0.0.5/IPv4,fd00::5/] state=TASK_RUNNING "
         "started health=[]\n"},
        {R"({"tasks":[{"id":"a.4","appId":null,"host":null,"ports":null,"ipAddresses":null,
             "state":null,"startedAt":null,"healthCheckResults":null,"version":7}]})",
         "a.4 app=- host=- ports=[] ips=[] state=- not-started health=[]\n"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.body);
      CHECK(describe_tasks(c.body) == c.expected);
    }
  }
  SUBCASE("malformed bodies") {
    const Case cases[] = {
        {"", "tasks: invalid JSON at line 1, column 1: The document is empty."},
        {R"({"tasks":[{"id":"a.1"})",
         "tasks: invalid JSON at line 1, column 23: "
         "Missing a comma or ']' after an array element."},
        {R"([{"id":"a.1"}])", "(document): expected an object, got an array"},
        {R"({"apps":[]})", "tasks: required key is missing"},
        {R"({"tasks":"none"})", R"(tasks: expected an array, got "none")"},
        {R"({"tasks":[null]})", "tasks[0]: expected an object, got null"},
        {R"({"tasks":[{"host":"h"}]})", "tasks[0].id: required key is missing"},
        {R"({"tasks":[{"id":["a"]}]})", "tasks[0].id: expected a string, got an array"},
        {R"({"tasks":[{"id":"a.1","appId":1}]})", "tasks[0].appId: expected a string, got 1"},
        {R"({"tasks":[{"id":"a.1","host":false}]})", "tasks[0].host: expected a string, got false"},
        {R"({"tasks":[{"id":"a.1","ports":31000}]})",
         "tasks[0].ports: expected an array, got 31000"},
        {R"({"tasks":[{"id":"a.1"},{"id":"a.2","ports":[31000,"x"]}]})",
         R"(tasks[1].ports[1]: expected an integer 0-65535, got "x")"},
        {R"({"tasks":[{"id":"a.1","ports":[65536]}]})",
         "tasks[0].ports[0]: expected an integer 0-65535, got 65536"},
        {R"({"tasks":[{"id":"a.1","ports":[31000.5]}]})",
         "tasks[0].ports[0]: expected an integer 0-65535, got 31000.5"},
        {R"({"tasks":[{"id":"a.1","ipAddresses":[{"protocol":"IPv4"}]}]})",
         "tasks[0].ipAddresses[0].ipAddress: required key is missing"},
        {R"({"tasks":[{"id":"a.1","ipAddresses":["9.0.0.1"]}]})",
         R"(tasks[0].ipAddresses[0]: expected an object, got "9.0.0.1")"},
        {R"({"tasks":[{"id":"a.1","ipAddresses":[{"ipAddress":"9.0.0.1","protocol":4}]}]})",
         "tasks[0].ipAddresses[0].protocol: expected a string, got 4"},
        {R"({"tasks":[{"id":"a.1","state":1}]})", "tasks[0].state: expected a string, got 1"},
        {R"({"tasks":[{"id":"a.1","startedAt":1700000000}]})",
         "tasks[0].startedAt: expected a string, got 1700000000"},
        {R"({"tasks":[{"id":"a.1","healthCheckResults":[{"alive":"yes"}]}]})",
         R"(tasks[0].healthCheckResults[0].alive: expected true or false, got "yes")"},
        {R"({"tasks":[{"id":"a.1","healthCheckResults":[{"consecutiveFailures":3}]}]})",
         "tasks[0].healthCheckResults[0].alive: required key is missing"},
        {R"({"tasks":[{"id":"a.1","healthCheckResults":{"alive":true}}]})",
         "tasks[0].healthCheckResults: expected an array, got an object"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.body);
      CHECK(describe_tasks(c.body) == c.expected);
    }
  }
}

}  // namespace
}  // namespace skylr
