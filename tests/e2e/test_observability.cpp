// What an operator sees of a running skylrd: every log line with its time and level (text
// or JSON), HAProxy's own messages and request logs prefixed in it, the start-up sync
// named, and a config file refused on SIGHUP shown in /status, /health and /metrics.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <rapidjson/document.h>

#include <regex>
#include <sstream>

#include "e2e_stack.h"

namespace skylr::e2e {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The lines of `log` that contain `part`.
std::size_t count_lines(const std::string& log, const std::string& part) {
  std::size_t count = 0;
  for (const std::string& line : lines_of(log)) count += line.find(part) != std::string::npos ? 1 : 0;
  return count;
}

}  // namespace

TEST_CASE("skylrd e2e: every log line has a millisecond UTC time and a level, HAProxy's lines are prefixed") {
  Stack stack(2);
  REQUIRE(stack.in_sync());
  CHECK(stack.skylrd.stop() == 0);
  std::string log = stack.skylrd.log();
  INFO("skylrd log:\n", log);
  const std::regex kLine(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (info|warning|error) \S.*)");
  std::vector<std::string> lines = lines_of(log);
  REQUIRE(lines.size() >= 3);
  for (const std::string& line : lines) {
    CAPTURE(line);
    CHECK(std::regex_match(line, kLine));
  }
  CHECK(count_lines(log, " info sync: start-up sync -> ") == 1);
  CHECK(count_lines(log, "periodic resync") == 0);
  // The managed master's notices come through skylrd's log, not around it.
  CHECK(count_lines(log, " info haproxy: [NOTICE]") >= 1);
}

TEST_CASE("skylrd e2e: --log-format json writes one JSON object per line") {
  Stack stack(1, SkylrdSettings{.log_format = "json"});
  REQUIRE(stack.in_sync());
  CHECK(stack.skylrd.stop() == 0);
  std::string log = stack.skylrd.log();
  INFO("skylrd log:\n", log);
  std::size_t haproxy_lines = 0;
  for (const std::string& line : lines_of(log)) {
    CAPTURE(line);
    rapidjson::Document document;
    document.Parse(line.c_str());
    REQUIRE(document.IsObject());
    for (const char* key : {"time", "level", "message"}) {
      REQUIRE((document.HasMember(key) && document[key].IsString()));
    }
    CHECK(std::regex_match(document["time"].GetString(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
    CHECK(std::regex_match(document["level"].GetString(), std::regex("info|warning|error")));
    bool from_haproxy = document.HasMember("source") && document["source"].IsString() &&
                        std::string(document["source"].GetString()) == "haproxy";
    if (from_haproxy) CHECK(std::string(document["message"].GetString()).starts_with("haproxy: ["));
    haproxy_lines += from_haproxy ? 1 : 0;
  }
  CHECK(haproxy_lines >= 1);
}

TEST_CASE("skylrd e2e: haproxy.log to stdout puts HAProxy's request logs into skylrd's log") {
  Stack stack(1, SkylrdSettings{.haproxy_log_target = "stdout"});
  REQUIRE(stack.in_sync());
  CHECK(stack.skylrd.live_config().find("    log stdout format raw local0\n") != std::string::npos);
  CHECK(stack.skylrd.live_config().find("    option httplog\n") != std::string::npos);
  CHECK(stack.await_traffic(1, 5s) == "");
  INFO("skylrd log:\n", stack.skylrd.log());
  // httplog: client, proxy, server slot, timers, status, bytes, the request line.
  const std::regex kRequest(
      R"(.* info haproxy: 127\.0\.0\.1:\d+ \[.*\] web_http web_http/slot-1 \S+ 200 \d+ .*"GET / HTTP/1\.[01]")");
  CHECK(testing::wait_until(
      [&] {
        for (const std::string& line : lines_of(stack.skylrd.log())) {
          if (std::regex_match(line, kRequest)) return true;
        }
        return false;
      },
      5s));
}

TEST_CASE("skylrd e2e: a config file refused on SIGHUP shows in /status, /health and /metrics") {
  SkylrdSettings settings;
  Stack stack(1, settings);
  REQUIRE(stack.in_sync());
  CHECK(stack.skylrd.metric("skylr_config_reloads_total", R"(result="refused")") == 0);
  CHECK(stack.skylrd.metric("skylr_build_info") == 1);
  rapidjson::Document before = stack.skylrd.status();
  CHECK(before["config_reload"].IsNull());
  REQUIRE(before["version"].IsString());
  CHECK(std::string(before["version"].GetString()).size() >= 5);

  stack.skylrd.reconfigure_text("{\"marathon_hosts\": [\n");  // cut short: invalid JSON
  REQUIRE(testing::wait_until(
      [&] { return stack.skylrd.metric("skylr_config_reloads_total", R"(result="refused")") == 1; }, 5s));
  rapidjson::Document refused = stack.skylrd.status();
  REQUIRE(refused["config_reload"].IsObject());
  CHECK(std::string(refused["config_reload"]["result"].GetString()) == "refused");
  REQUIRE(refused["config_reload"]["problems"].IsArray());
  REQUIRE(refused["config_reload"]["problems"].Size() >= 1);
  CHECK(std::string(refused["config_reload"]["problems"][0].GetString()).find("invalid JSON") != std::string::npos);
  CHECK(refused["healthy"].IsTrue());
  testing::HttpReply health = stack.skylrd.get("/health");
  CHECK(health.status == 200);
  CHECK(health.body.find(R"({"status":"degraded","reasons":["config file refused on SIGHUP at )") == 0);
  CHECK(health.body.find("\\n") == std::string::npos);
  CHECK(stack.await_traffic(1, 5s) == "");  // the config before keeps serving

  stack.skylrd.reconfigure(settings);
  REQUIRE(testing::wait_until(
      [&] { return stack.skylrd.metric("skylr_config_reloads_total", R"(result="applied")") == 1; }, 5s));
  CHECK(std::string(stack.skylrd.status()["config_reload"]["result"].GetString()) == "applied");
  CHECK(stack.skylrd.get("/health").body == R"({"status":"ok"})");
  INFO("skylrd log:\n", stack.skylrd.log());
  CHECK(count_lines(stack.skylrd.log(), " error SIGHUP: config refused, keeping the current one: ") == 1);
}

}  // namespace skylr::e2e
