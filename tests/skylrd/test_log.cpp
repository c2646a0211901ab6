#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <string>

#include "haproxy_output.h"
#include "log.h"
#include "one_line.h"
#include "scoped_time_zone.h"

namespace skylr {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

// 2026-12-02T05:19:52.123Z.
const system_clock::time_point kWhen{milliseconds(1796188792123)};

}  // namespace

TEST_CASE("skylr::log_time") {
  CHECK(log_time(kWhen) == "2026-12-02T05:19:52.123Z");
  CHECK(log_time(system_clock::time_point(milliseconds(1796188792000))) == "2026-12-02T05:19:52.000Z");
  SUBCASE("UTC whatever the host's time zone") {
    testing::ScopedTimeZone new_york("America/New_York");
    CHECK(log_time(kWhen) == "2026-12-02T05:19:52.123Z");
  }
  CHECK(log_time(system_clock::time_point(std::chrono::microseconds(1796188792007999))) == "2026-12-02T05:19:52.007Z");
}

TEST_CASE("skylr::one_line") {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"plain", "plain"},
      {"", ""},
      {"haproxy -c rejected it:\n[ALERT] a\n[ALERT] b\n", "haproxy -c rejected it: | [ALERT] a | [ALERT] b"},
      {"windows\r\nline ends\r\n", "windows | line ends"},
      {"blank\n\n  \nlines dropped", "blank | lines dropped"},
      {"trailing spaces   \nkept inside  too", "trailing spaces | kept inside  too"},
      {"tab\tand escape \x1b[31m", "tab\\x09and escape \\x1b[31m"},
      {"delete \x7f", "delete \\x7f"},
      {"caf\xc3\xa9 stays", "caf\xc3\xa9 stays"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(one_line(c.text) == c.expected);
  }
}

TEST_CASE("skylr::format_log_line") {
  SUBCASE("text: time, level, the message on one line") {
    CHECK(format_log_line(LogFormat::kText, kWhen, LogLevel::kInfo, "sync: start-up sync -> applied") ==
          "2026-12-02T05:19:52.123Z info sync: start-up sync -> applied\n");
    CHECK(format_log_line(LogFormat::kText, kWhen, LogLevel::kWarning, "a\nb", {{"source", "haproxy"}}) ==
          "2026-12-02T05:19:52.123Z warning a | b\n");
    CHECK(format_log_line(LogFormat::kText, kWhen, LogLevel::kError, "SIGHUP: config refused: x: bad\ny: worse") ==
          "2026-12-02T05:19:52.123Z error SIGHUP: config refused: x: bad | y: worse\n");
  }
  SUBCASE("json: one object per line, every member a string") {
    std::string line =
        format_log_line(LogFormat::kJson, kWhen, LogLevel::kWarning,
                        "haproxy: [WARNING] \"quoted\" \\ back\nsecond line\t\x01", {{"source", "haproxy"}});
    CHECK(
        line ==
        R"({"time":"2026-12-02T05:19:52.123Z","level":"warning","message":"haproxy: [WARNING] \"quoted\" \\ back\nsecond line\t\u0001","source":"haproxy"})"
        "\n");
    REQUIRE(line.find('\n') == line.size() - 1);
    rapidjson::Document document;
    document.Parse(line.c_str());
    REQUIRE(document.IsObject());
    REQUIRE(document["message"].IsString());
    CHECK(std::string(document["message"].GetString()) == "haproxy: [WARNING] \"quoted\" \\ back\nsecond line\t\x01");
  }
}

TEST_CASE("skylr::parse_log_format") {
  CHECK(parse_log_format("text") == LogFormat::kText);
  CHECK(parse_log_format("json") == LogFormat::kJson);
  CHECK_FALSE(parse_log_format("JSON").has_value());
}

TEST_CASE("skylr::haproxy_line_level") {
  CHECK(haproxy_line_level("[NOTICE]   (812) : New worker (813) forked") == LogLevel::kInfo);
  CHECK(haproxy_line_level("[WARNING]  (812) : config : missing timeouts") == LogLevel::kWarning);
  CHECK(haproxy_line_level("[ALERT]    (812) : Current worker (813) exited with code 139") == LogLevel::kError);
  CHECK(haproxy_line_level("  [EMERG] x") == LogLevel::kError);
  CHECK(haproxy_line_level("127.0.0.1:4242 [02/Dec/2026:05:19:52.123] web_http web_http/slot-1 0/0/0/1/1 200") ==
        LogLevel::kInfo);
  CHECK(haproxy_line_level("") == LogLevel::kInfo);
}

}  // namespace skylr
