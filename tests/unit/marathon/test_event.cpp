// parse_event (1.5+ and old shapes), the apps each event concerns, and
// routing_impact.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <string_view>

#include "skylr/config.h"
#include "skylr/event.h"

namespace skylr {
namespace {

// "type app=/x task=t status=s", absent values "-".
std::string describe(const Event& event) {
  return fmt::format("{} app={} task={} status={}", event.type, event.app_id.value_or("-"),
                     event.task_id.empty() ? "-" : event.task_id,
                     event.task_status.empty() ? "-" : event.task_status);
}

struct Case {
  std::string_view body;
  std::string_view expected;  // describe() of the event, or the error message
};

TEST_CASE("skylr::parse_event") {
  const Case cases[] = {
      {R"({"eventType":"status_update_event","timestamp":"2024-01-01T00:00:00Z","slaveId":"S1",
           "taskId":"grp_app.1","taskStatus":"TASK_RUNNING","message":"","appId":"/grp/app",
           "host":"h","ipAddresses":[{"ipAddress":"10.0.0.1","protocol":"IPv4"}],
           "ports":[31000],"version":"v"})",
       "status_update_event app=/grp/app task=grp_app.1 status=TASK_RUNNING"},
      // Old Marathon: `appID`, relative id.
      {R"({"eventType":"status_update_event","taskId":"skylr_0-1389757007517",
           "taskStatus":"TASK_KILLED","appID":"skylr","host":"h","ports":[31372]})",
       "status_update_event app=/skylr task=skylr_0-1389757007517 status=TASK_KILLED"},
      {R"({"eventType":"x","appId":"/a","appID":"/b"})", "x app=/a task=- status=-"},
      {R"({"eventType":"health_status_changed_event","appId":"/a/","instanceId":"a.i1",
           "alive":false})",
       "health_status_changed_event app=/a task=- status=-"},
      {R"({"eventType":"instance_changed_event","instanceId":"a.i1","condition":"Killed",
           "runSpecId":"/grp/a","agentId":"S1","host":"h"})",
       "instance_changed_event app=/grp/a task=- status=-"},
      {R"({"eventType":"api_post_event","clientIp":"10.0.0.9","uri":"/v2/apps/web",
           "appDefinition":{"id":"/web","instances":2,"cmd":"x"}})",
       "api_post_event app=/web task=- status=-"},
      {R"({"eventType":"api_post_event","appDefinition":{"cmd":"x"}})",
       "api_post_event app=- task=- status=-"},
      {R"({"eventType":"deployment_success","id":"d1","plan":{"steps":[]}})",
       "deployment_success app=- task=- status=-"},
      {R"({"eventType":"event_stream_attached","remoteAddress":"10.0.0.1","appId":null})",
       "event_stream_attached app=- task=- status=-"},
      {"nope", "event: invalid JSON at line 1, column 2: Invalid value."},
      {R"([{"eventType":"x"}])", "(document): expected an object, got an array"},
      {R"({"appId":"/a"})", "eventType: required key is missing"},
      {R"({"eventType":3})", "eventType: expected a string, got 3"},
      {R"({"eventType":"x","appId":["/a"]})", "appId: expected a string, got an array"},
      {R"({"eventType":"x","appID":7})", "appID: expected a string, got 7"},
      {R"({"eventType":"x","runSpecId":{}})", "runSpecId: expected a string, got an object"},
      {R"({"eventType":"x","appDefinition":"web"})",
       R"(appDefinition: expected an object, got "web")"},
      {R"({"eventType":"x","appDefinition":{"id":1}})",
       "appDefinition.id: expected a string, got 1"},
      {R"({"eventType":"x","taskId":1})", "taskId: expected a string, got 1"},
      {R"({"eventType":"x","taskStatus":2})", "taskStatus: expected a string, got 2"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    auto event = parse_event(c.body);
    CHECK((event.ok() ? describe(*event) : event.error().message) == c.expected);
  }
}

// A deployment_info of Marathon 1.5+: step 2 of a group update that restarts /grp/web
// and scales /grp/db (ids as Marathon writes them), with a pod in the plan.
constexpr std::string_view kDeploymentInfo = R"({
  "plan": {
    "id": "6ee9a4e2-5d0b-4a5e-9f3c-2b7c0a1d9e41",
    "original": {"id": "/", "apps": [{"id": "/grp/web", "instances": 2, "cmd": "web"}],
                 "pods": [], "groups": [], "dependencies": [], "version": "2024-03-01T10:00:00.000Z"},
    "target": {"id": "/", "apps": [{"id": "/grp/web", "instances": 2, "cmd": "web --v2"},
                                   {"id": "/grp/db", "instances": 3}],
               "pods": [{"id": "/grp/cache"}], "groups": [], "dependencies": [],
               "version": "2024-03-01T10:05:00.000Z"},
    "steps": [
      {"actions": [{"action": "StartApplication", "app": "/grp/db"}, {"action": "StartPod", "pod": "/grp/cache"}]},
      {"actions": [{"action": "RestartApplication", "app": "/grp/web"},
                   {"action": "ScaleApplication", "app": "/grp/db"}]}
    ],
    "version": "2024-03-01T10:05:00.000Z"
  },
  "currentStep": {"actions": [{"action": "RestartApplication", "app": "/grp/web"},
                              {"action": "ScaleApplication", "app": "/grp/db"}]},
  "eventType": "deployment_info",
  "timestamp": "2024-03-01T10:05:01.123Z"
})";

TEST_CASE("skylr::parse_event app_ids") {
  auto app_ids = [](std::string_view body) {
    auto event = parse_event(body);
    return event.ok() ? fmt::format("[{}]", fmt::join(event->app_ids, " ")) : event.error().message;
  };
  SUBCASE("a deployment's current step, else every step of its plan") {
    CHECK(app_ids(kDeploymentInfo) == "[/grp/db /grp/web]");
    const Case cases[] = {
        {R"({"eventType":"deployment_step_success","plan":{"steps":[{"actions":[{"action":"StartApplication","app":"/a"}]},
             {"actions":[{"action":"ScaleApplication","app":"/b"}]}]},
             "currentStep":{"actions":[{"action":"ScaleApplication","app":"b/"},{"action":"StartPod","pod":"/p"}]}})",
         "[/b]"},
        {R"({"eventType":"deployment_success","id":"d1","plan":{"id":"d1","steps":[
             {"actions":[{"action":"StopApplication","app":"/z"},{"action":"StartApplication","app":"grp//a"}]},
             {"actions":[{"action":"ScaleApplication","app":"/grp/a"},{"action":"StartPod","pod":"/p"}]},
             {"actions":[]}, {}]}})",
         "[/grp/a /z]"},
        {R"({"eventType":"deployment_failed","id":"d1","plan":{"id":"d1","steps":[{"actions":[
             {"action":"RestartApplication","app":"/web"}]}]},"reason":"killed"})",
         "[/web]"},
        // Marathon before 1.0: actions have `type`; deployment_success has no plan.
        {R"({"eventType":"deployment_step_failure","plan":{"steps":[]},
             "currentStep":{"actions":[{"type":"ScaleApplication","app":"/my-app"}]}})",
         "[/my-app]"},
        {R"({"eventType":"deployment_success","timestamp":"2014-03-01T23:29:30.158Z","id":"d1"})", "[]"},
        // A null currentStep is absent; a present one is the answer, even without actions.
        {R"({"eventType":"deployment_info","currentStep":null,
             "plan":{"steps":[{"actions":[{"action":"StartApplication","app":"/a"}]}]}})",
         "[/a]"},
        {R"({"eventType":"deployment_info","currentStep":{},
             "plan":{"steps":[{"actions":[{"action":"StartApplication","app":"/a"}]}]}})",
         "[]"},
        {R"({"eventType":"deployment_info","currentStep":{"actions":[{"action":"StartPod","pod":"/p"}]}})", "[]"},
        {R"({"eventType":"deployment_info","plan":{"steps":null}})", "[]"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.body);
      CHECK(app_ids(c.body) == c.expected);
    }
  }
  SUBCASE("an event naming one app concerns that app; others none") {
    const Case cases[] = {
        {R"({"eventType":"status_update_event","taskId":"web.1","taskStatus":"TASK_RUNNING","appId":"/grp/web"})",
         "[/grp/web]"},
        {R"({"eventType":"instance_changed_event","runSpecId":"grp/web/","condition":"Running"})", "[/grp/web]"},
        {R"({"eventType":"api_post_event","appDefinition":{"id":"/web"}})", "[/web]"},
        {R"({"eventType":"group_change_success","groupId":"/grp","version":"v"})", "[]"},
        {R"({"eventType":"event_stream_attached","remoteAddress":"10.0.0.1"})", "[]"},
        // Only deployment events are read for their plan, whatever else carries one.
        {R"({"eventType":"x","plan":7,"currentStep":"y"})", "[]"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.body);
      CHECK(app_ids(c.body) == c.expected);
    }
  }
  SUBCASE("a value of the wrong type on the way to an action's app fails, naming its path") {
    const Case cases[] = {
        {R"({"eventType":"deployment_success","plan":"d1"})", R"(plan: expected an object, got "d1")"},
        {R"({"eventType":"deployment_success","plan":{"steps":{}}})", "plan.steps: expected an array, got an object"},
        {R"({"eventType":"deployment_failed","plan":{"steps":[{"actions":[]},3]}})",
         "plan.steps[1]: expected an object, got 3"},
        {R"({"eventType":"deployment_failed","plan":{"steps":[{"actions":"StartApplication"}]}})",
         R"(plan.steps[0].actions: expected an array, got "StartApplication")"},
        {R"({"eventType":"deployment_success","plan":{"steps":[{"actions":[{"app":"/a"},["/b"]]}]}})",
         "plan.steps[0].actions[1]: expected an object, got an array"},
        {R"({"eventType":"deployment_success","plan":{"steps":[{"actions":[{"action":"StartApplication","app":3}]}]}})",
         "plan.steps[0].actions[0].app: expected a string, got 3"},
        {R"({"eventType":"deployment_info","currentStep":[],"plan":{"steps":[]}})",
         "currentStep: expected an object, got an array"},
        {R"({"eventType":"deployment_step_success","currentStep":{"actions":[{"app":7}]}})",
         "currentStep.actions[0].app: expected a string, got 7"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.body);
      CHECK(app_ids(c.body) == c.expected);
    }
  }
}

TEST_CASE("skylr::routing_impact") {
  Config config;
  config.services["skylr"].app_id = "/skylr";
  config.services["grp/app"].app_id = "/grp/app";
  config.services["skylr-admin"].app_id = "/skylr";
  using Apps = std::vector<std::string>;
  const Apps all{"(all)"};
  struct RoutingCase {
    std::string_view type;
    Apps app_ids;
    Apps expected;  // {"(all)"}: every app
  };
  const RoutingCase cases[] = {
      {"status_update_event", {"/skylr"}, {"/skylr"}},
      {"status_update_event", {"/grp/app"}, {"/grp/app"}},
      {"status_update_event", {"/other"}, {}},
      {"status_update_event", {"/grp"}, {}},
      {"status_update_event", {}, all},
      {"health_status_changed_event", {"/skylr"}, {"/skylr"}},
      {"health_status_changed_event", {"/other"}, {}},
      {"instance_health_changed_event", {"/skylr"}, {"/skylr"}},
      {"failed_health_check_event", {"/skylr"}, {"/skylr"}},
      {"failed_health_check_event", {"/other"}, {}},
      {"unhealthy_instance_kill_event", {"/grp/app"}, {"/grp/app"}},
      {"unhealthy_task_kill_event", {"/grp/app"}, {"/grp/app"}},
      {"unhealthy_task_kill_event", {"/other"}, {}},
      {"instance_changed_event", {"/skylr"}, {"/skylr"}},
      {"instance_changed_event", {"/other"}, {}},
      {"app_terminated_event", {"/skylr"}, {"/skylr"}},
      {"app_terminated_event", {"/other"}, {}},
      {"api_post_event", {"/skylr"}, {"/skylr"}},
      {"api_post_event", {"/other"}, {}},
      {"api_post_event", {}, all},
      {"deployment_success", {}, all},
      {"deployment_success", {"/grp/app", "/other", "/skylr"}, {"/grp/app", "/skylr"}},
      {"deployment_success", {"/other"}, {}},
      {"deployment_failed", {}, all},
      {"deployment_info", {}, all},
      {"deployment_info", {"/skylr"}, {"/skylr"}},
      {"group_change_success", {}, all},
      {"event_stream_attached", {}, all},
      {"event_stream_detached", {}, all},
      {"subscribe_event", {}, {}},
      {"unsubscribe_event", {}, {}},
      {"framework_message_event", {"/skylr"}, {}},
      {"add_health_check_event", {"/skylr"}, {}},
      {"deployment_step_success", {}, {}},
      {"", {}, {}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.type);
    CAPTURE(c.app_ids.empty() ? std::string("(none)") : c.app_ids.front());
    RoutingImpact impact = routing_impact(Event{std::string(c.type), std::nullopt, "", "", c.app_ids}, config);
    CHECK(impact.every_app == (c.expected == all));
    if (c.expected != all) CHECK(impact.apps == c.expected);
    if (impact.every_app) CHECK(impact.apps.empty());
  }
  SUBCASE("no services: only events about every app matter") {
    Config empty;
    CHECK(routing_impact(Event{"deployment_success", std::nullopt, "", "", {}}, empty).every_app);
    RoutingImpact none = routing_impact(Event{"status_update_event", "/skylr", "", "", {"/skylr"}}, empty);
    CHECK_FALSE(none.every_app);
    CHECK(none.apps.empty());
  }
  SUBCASE("label discovery on: every app an event names may publish itself") {
    config.discovery.enabled = true;
    RoutingImpact impact =
        routing_impact(Event{"deployment_success", std::nullopt, "", "", {"/other", "/skylr"}}, config);
    CHECK(impact.apps == std::vector<std::string>{"/other", "/skylr"});
    CHECK(routing_impact(Event{"framework_message_event", "/other", "", "", {"/other"}}, config).apps.empty());
  }
}

}  // namespace
}  // namespace skylr
