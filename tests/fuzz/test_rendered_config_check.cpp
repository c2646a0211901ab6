// The fuzz targets' checker must accept what the renderer writes and catch every kind of
// line it does not mean to write; otherwise the fuzzing would prove nothing.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fuzz_support.h"
#include "rendered_config_check.h"
#include "skylr/marathon.h"
#include "skylr/model.h"
#include "skylr/render.h"

namespace skylr::fuzz {
namespace {

constexpr std::string_view kApps = R"({"apps":[
  {"id":"/web","tasks":[{"id":"web.1","host":"10.0.0.1","ports":[31000],"state":"TASK_RUNNING"},
                        {"id":"web.2","host":"fd00::1","ports":[31001],"startedAt":"x"},
                        {"id":"web.3","host":"10.0.0.9","ports":[31009],"state":"TASK_RUNNING",
                         "healthCheckResults":[{"alive":false}]}]},
  {"id":"/grp/api","tasks":[{"id":"api.1","host":"api-1.test","ports":[31000,31001],"state":"TASK_RUNNING"}]},
  {"id":"/db","tasks":[{"id":"db.1","host":"10.0.0.3","ports":[1],"state":"TASK_RUNNING"}]}]})";

std::vector<App> apps() {
  auto parsed = parse_apps(kApps);
  REQUIRE(parsed.ok());
  return *parsed;
}

std::string rendered() {
  return render_haproxy_config(fixed_config(), build_model(fixed_config(), apps()));
}

// `text` with the first `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  std::size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return text.replace(at, from.size(), to);
}

std::string violations_of(const std::string& text) {
  std::string all;
  for (const std::string& violation : rendered_config_violations(fixed_config(), apps(), text)) {
    all += violation + "\n";
  }
  return all;
}

}  // namespace

TEST_CASE("skylr::fuzz::rendered_config_violations") {
  const std::string good = rendered();
  SUBCASE("what the renderer writes passes") { CHECK(violations_of(good) == ""); }

  SUBCASE("each foreign line is caught") {
    struct Case {
      std::string text;
      std::string violation;
    };
    const Case cases[] = {
        {good + "    server evil 6.6.6.6:80\n",
         "server 6.6.6.6:80 is no running, healthy task of /web"},
        {good + "    server evil 10.0.0.3:1\n",
         "server 10.0.0.3:1 is no running, healthy task of /web"},
        {good + "    server dead 10.0.0.9:31009\n",
         "server 10.0.0.9:31009 is no running, healthy task of /web"},
        {good + "listen evil\n    bind *:1\n",
         "the proxies' ports are not the services' ports"},
        {good + "evil\n", "has an unknown form: \"evil\""},
        {good + "    acl x\n", "has an unknown form: \"    acl x\""},
        {replaced(good, "stats uri /haproxy?stats", "stats uri /x#y"),
         "has an unknown form: \"    stats uri /x#y\""},
        {replaced(good, "    bind *:3002", "    bind  *:3002"),
         "has an unknown form: \"    bind  *:3002\""},
        {replaced(good, "10.0.0.3:5432 ", "..:5432 "),
         "has an unknown form: \"    server slot-1 ..:5432 check\""},
        {replaced(good, "    bind *:3002", "    bind *:3002\n    bind *:3002"),
         "the proxies' ports are not the services' ports"},
        {good + "    server slot-9 10.0.0.1:31000 track web_http/slot-1\n",
         "has an unknown form: \"    server slot-9 10.0.0.1:31000 track web_http/slot-1\""},
        {replaced(good, "global\n", "    maxconn 1\nglobal\n"),
         "directive before any section:     maxconn 1"},
        {good + "global\n", "section twice: global"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.violation);
      std::string found = violations_of(c.text);
      CHECK_MESSAGE(found.find(c.violation) != std::string::npos, found);
    }
  }

  SUBCASE("a server listed twice in one backend is caught") {
    std::string line = "    server slot-1 10.0.0.3:5432 check\n";
    CHECK(violations_of(replaced(good, line, line + line)) == "server slot-1 twice in db_tcp\n");
  }
}

TEST_CASE("skylr::fuzz::is_renderable_host") {
  struct Case {
    const char* host;
    bool renderable;
  };
  const Case cases[] = {
      {"10.0.0.1", true}, {"::1", true},    {"fd00::1:2", true}, {"agent-1.test", true},
      {"agent_1", true},  {"host.", true},  {"", false},         {".", false},
      {"..", false},      {".host", false}, {"a..b", false},     {"1:2", false},
      {"::::", false},    {"a b", false},   {"a#b", false},      {"a\nb", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.host);
    CHECK(is_renderable_host(c.host) == c.renderable);
  }
}

}  // namespace skylr::fuzz
