// Job updates: parsing bodies (shape, ids, values), authorisation, and what goes to Marathon.
#include "protocol/job_update.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace skylr::protocol {
namespace {

struct Case {
  std::string_view input;
  std::string_view expected;  // an error message, or describe_fields of each app joined by "; "
};

// The apps of `body` as "/id: fields; /id: fields", or the error message.
std::string outcome_of(std::string_view body) {
  Result<std::vector<AppUpdate>> updates = parse_update_apps(body);
  if (!updates) return updates.error().message;
  std::string out;
  for (const AppUpdate& update : *updates) {
    out += (out.empty() ? "" : "; ") + update.app_id + ": " + describe_fields(update);
  }
  return out;
}

Config tracked(std::vector<std::string> fields = {"instances", "cpus", "mem"}) {
  Config config;
  for (const char* id : {"/web", "/grp/api"}) {
    ServiceConfig service;
    service.app_id = id;
    config.services[std::string(id).substr(1)] = service;
  }
  config.job_updates.fields = std::move(fields);
  return config;
}

std::string authorization_of(std::string_view body, const Config& config) {
  Result<std::vector<AppUpdate>> updates = parse_update_apps(body);
  REQUIRE(updates);
  Status allowed = authorize_updates(*updates, config);
  return allowed ? "(allowed)" : allowed.error().message;
}

}  // namespace

TEST_CASE("skylr::protocol::parse_update_apps") {
  const Case good[] = {
      {R"({"/web": {"instances": 3}})", "/web: instances=3"},
      {R"({"web": {"instances": 0, "cpus": 0.5, "mem": 128}, "/grp/api": {"mem": 32.5}})",
       "/web: instances=0 cpus=0.5 mem=128; /grp/api: mem=32.5"},
      {R"({"/web": {"instances": 10000, "cpus": 1024, "mem": 1048576, "disk": 0, "gpus": 2}})",
       "/web: instances=10000 cpus=1024 mem=1048576 disk=0 gpus=2"},
      {R"({"/web": {"cmd": "rm -rf /", "env": {"A": "1"}}})", R"(/web: cmd="rm -rf /" env={"A":"1"})"},
      {R"({"/a.b/c_d/e-f": {"instances": 1}})", "/a.b/c_d/e-f: instances=1"},
  };
  for (const Case& c : good) {
    CAPTURE(c.input);
    CHECK(outcome_of(c.input) == c.expected);
  }
}

TEST_CASE("skylr::protocol::parse_update_apps errors") {
  const Case cases[] = {
      {"", "request body: invalid JSON at line 1, column 1: The document is empty."},
      {"[]", "(document): expected an object of app ids to app fields, got an array"},
      {"{}", "(document): no app to update"},
      {R"({"/web": 3})", "/web: expected an object of app fields, got 3"},
      {R"({"/web": {}})", "/web: no field to update"},
      {R"({"/web": {"instances": "3"}})", R"(/web.instances: expected an integer 0-10000, got "3")"},
      {R"({"/web": {"instances": 3.0}})", "/web.instances: expected an integer 0-10000, got 3"},
      {R"({"/web": {"instances": -1}})", "/web.instances: expected an integer 0-10000, got -1"},
      {R"({"/web": {"instances": 10001}})", "/web.instances: expected an integer 0-10000, got 10001"},
      {R"({"/web": {"cpus": 0}})", "/web.cpus: expected a number > 0 and <= 1024, got 0"},
      {R"({"/web": {"cpus": 1024.5}})", "/web.cpus: expected a number > 0 and <= 1024, got 1024.5"},
      {R"({"/web": {"cpus": true}})", "/web.cpus: expected a number > 0 and <= 1024, got true"},
      {R"({"/web": {"mem": 31.9}})", "/web.mem: expected a number of MiB 32-1048576, got 31.9"},
      {R"({"/web": {"mem": null}})", "/web.mem: expected a number of MiB 32-1048576, got null"},
      {R"({"/web": {"disk": -0.5}})", "/web.disk: expected a number of MiB 0-1073741824, got -0.5"},
      {R"({"/web": {"gpus": 1.5}})", "/web.gpus: expected an integer 0-1024, got 1.5"},
      {R"({"/web": {"instances": 1, "instances": 2}})", R"(/web: field "instances" appears twice)"},
      {R"({"/web": {"instances": 1}, "web": {"instances": 2}})", "app /web appears twice"},
      {R"({"/a/../web": {"instances": 1}})",
       R"(app id "/a/../web" is not valid: use segments of letters, digits, '.', '_' and '-' separated by '/', none of them "." or "..")"},
      {R"({"..": {"instances": 1}})",
       R"(app id ".." is not valid: use segments of letters, digits, '.', '_' and '-' separated by '/', none of them "." or "..")"},
      {R"({"/a//b": {"instances": 1}})",
       R"(app id "/a//b" is not valid: use segments of letters, digits, '.', '_' and '-' separated by '/', none of them "." or "..")"},
      {R"({"/web/": {"instances": 1}})",
       R"(app id "/web/" is not valid: use segments of letters, digits, '.', '_' and '-' separated by '/', none of them "." or "..")"},
      {R"({"": {"instances": 1}})",
       R"(app id "" is not valid: use segments of letters, digits, '.', '_' and '-' separated by '/', none of them "." or "..")"},
      {R"({"/we%2Fb": {"instances": 1}})",
       R"(app id "/we%2Fb" is not valid: use segments of letters, digits, '.', '_' and '-' separated by '/', none of them "." or "..")"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(outcome_of(c.input) == c.expected);
  }
}

TEST_CASE("skylr::protocol::parse_update_app") {
  SUBCASE("the body is the fields of the app named by the path") {
    Result<AppUpdate> update = parse_update_app("grp/api", R"({"instances": 2, "mem": 64})");
    REQUIRE(update);
    CHECK(update->app_id == "/grp/api");
    CHECK(describe_fields(*update) == "instances=2 mem=64");
  }
  SUBCASE("errors name paths from the fields object") {
    const Case cases[] = {
        {R"({"instances": "2"})", R"(instances: expected an integer 0-10000, got "2")"},
        {"{}", "(document): no field to update"},
        {"[1]", "(document): expected an object of app fields, got an array"},
        {"{", "request body: invalid JSON at line 1, column 2: Missing a name for object member."},
    };
    for (const Case& c : cases) {
      CAPTURE(c.input);
      Result<AppUpdate> update = parse_update_app("/web", c.input);
      REQUIRE_FALSE(update);
      CHECK(update.error().message == c.expected);
    }
  }
  SUBCASE("the id is checked like a body's key") {
    Result<AppUpdate> update = parse_update_app("grp/../web", R"({"instances": 2})");
    REQUIRE_FALSE(update);
    CHECK(update.error().message.starts_with(R"(app id "grp/../web" is not valid)"));
  }
}

TEST_CASE("skylr::protocol::authorize_updates") {
  const Config config = tracked();
  const Case cases[] = {
      {R"({"/web": {"instances": 3, "cpus": 2, "mem": 64}, "grp/api": {"instances": 1}})", "(allowed)"},
      {R"({"/db": {"instances": 3}})", "app /db is not tracked by this skylrd"},
      {R"({"/web": {"instances": 3}, "/grp": {"instances": 1}})", "app /grp is not tracked by this skylrd"},
      {R"({"/web": {"cmd": "sh"}})", R"(field "cmd" of app /web is not allowed (allowed: instances, cpus, mem))"},
      {R"({"/web": {"disk": 10}})", R"(field "disk" of app /web is not allowed (allowed: instances, cpus, mem))"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(authorization_of(c.input, config) == c.expected);
  }
  SUBCASE("a field outside the known ones is refused even when configured") {
    CHECK(authorization_of(R"({"/web": {"cmd": "sh"}})", tracked({"instances", "cmd"})) ==
          R"(field "cmd" of app /web is not allowed (allowed: instances, cmd))");
  }
}

TEST_CASE("skylr::protocol::marathon_update_target") {
  AppUpdate update{"/grp/api", {{"instances", "3"}, {"cpus", "0.5"}}};
  CHECK(marathon_update_target(update, false) == "/v2/apps/grp/api?force=false");
  CHECK(marathon_update_target(update, true) == "/v2/apps/grp/api?force=true");
  CHECK(marathon_update_body(update) == R"({"instances":3,"cpus":0.5})");
  CHECK(describe_fields(update) == "instances=3 cpus=0.5");
}

}  // namespace skylr::protocol
