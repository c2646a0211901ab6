// parse_event (1.5+ and old shapes) and event_may_affect_routing.
#include <doctest/doctest.h>
#include <fmt/format.h>

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

TEST_CASE("skylr::event_may_affect_routing") {
  Config config;
  config.services["skylr"].app_id = "/skylr";
  config.services["grp/app"].app_id = "/grp/app";
  struct RoutingCase {
    std::string_view type;
    std::optional<std::string> app_id;
    bool expected;
  };
  const RoutingCase cases[] = {
      {"status_update_event", "/skylr", true},
      {"status_update_event", "/grp/app", true},
      {"status_update_event", "/other", false},
      {"status_update_event", "/grp", false},
      {"status_update_event", std::nullopt, true},
      {"health_status_changed_event", "/skylr", true},
      {"health_status_changed_event", "/other", false},
      {"instance_health_changed_event", "/skylr", true},
      {"failed_health_check_event", "/skylr", true},
      {"failed_health_check_event", "/other", false},
      {"unhealthy_instance_kill_event", "/grp/app", true},
      {"unhealthy_task_kill_event", "/grp/app", true},
      {"unhealthy_task_kill_event", "/other", false},
      {"instance_changed_event", "/skylr", true},
      {"instance_changed_event", "/other", false},
      {"app_terminated_event", "/skylr", true},
      {"app_terminated_event", "/other", false},
      {"api_post_event", "/skylr", true},
      {"api_post_event", "/other", false},
      {"api_post_event", std::nullopt, true},
      {"deployment_success", std::nullopt, true},
      {"deployment_success", "/other", true},
      {"deployment_failed", std::nullopt, true},
      {"deployment_info", std::nullopt, true},
      {"group_change_success", std::nullopt, true},
      {"event_stream_attached", std::nullopt, true},
      {"event_stream_detached", std::nullopt, true},
      {"subscribe_event", std::nullopt, false},
      {"unsubscribe_event", std::nullopt, false},
      {"framework_message_event", "/skylr", false},
      {"add_health_check_event", "/skylr", false},
      {"deployment_step_success", std::nullopt, false},
      {"", std::nullopt, false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.type);
    CAPTURE(c.app_id.value_or("(none)"));
    Event event{std::string(c.type), c.app_id, "", ""};
    CHECK(event_may_affect_routing(event, config) == c.expected);
  }
  SUBCASE("no services: only events about every app matter") {
    Config empty;
    CHECK(event_may_affect_routing(Event{"deployment_success", std::nullopt, "", ""}, empty));
    CHECK_FALSE(event_may_affect_routing(Event{"status_update_event", "/skylr", "", ""}, empty));
  }
}

}  // namespace
}  // namespace skylr
