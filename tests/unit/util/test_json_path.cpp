#include "util/json_path.h"

#include <doctest/doctest.h>

#include <string>

#include "util/json_read.h"

namespace skylr::util {

TEST_CASE("skylr::util::JsonPath") {
  JsonPath root;
  CHECK(root.str() == "(document)");
  JsonPath apps = root.member("apps");
  JsonPath app = apps.element(3);
  // Each path points at its parent, so every step lives in a named variable.
  JsonPath tasks = app.member("tasks");
  JsonPath task = tasks.element(0);
  JsonPath ports = task.member("ports");
  JsonPath port = ports.element(1);
  CHECK(apps.str() == "apps");
  CHECK(app.str() == "apps[3]");
  CHECK(port.str() == "apps[3].tasks[0].ports[1]");
  CHECK(root.element(2).str() == "[2]");
  // Found by fuzzing: a key with control characters must not break a log line.
  CHECK(root.member("marathon_resu\x7flts\nx").str() == R"(marathon_resu\x7flts\x0ax)");
  // Found by fuzzing: a 600-byte label key made a 597-byte error line; long keys are cut.
  const std::string long_key(600, 'k');
  JsonPath labels = root.member("labels");
  CHECK(labels.member(long_key).str() == "labels." + std::string(64, 'k') + "...");
  CHECK(labels.member(std::string(64, 'k')).str() == "labels." + std::string(64, 'k'));
}

TEST_CASE("skylr::util::parse_json") {
  SUBCASE("deep nesting fails cleanly instead of overflowing the stack") {
    std::string deep(1u << 20, '[');
    auto document = parse_json(deep, "x");
    REQUIRE_FALSE(document.ok());
    CHECK(document.error().message.rfind("x: invalid JSON at line 1", 0) == 0);
  }
  SUBCASE("reports line and column") {
    auto document = parse_json("{\n  \"a\": 1,\n  \"b\": }", "config.json");
    REQUIRE_FALSE(document.ok());
    CHECK(document.error().message ==
          "config.json: invalid JSON at line 3, column 8: Invalid value.");
  }
  SUBCASE("comments only when allowed") {
    std::string_view text = "{ // note\n \"a\": 1, }";
    CHECK_FALSE(parse_json(text, "x").ok());
    CHECK(parse_json(text, "x", true).ok());
  }
}

TEST_CASE("skylr::util::read_int") {
  auto document = parse_json(R"({"n": 80, "s": "80", "big": 99999999999, "f": 1.5})", "x");
  REQUIRE(document.ok());
  JsonPath root;
  CHECK(*read_int((*document)["n"], root.member("n"), 1, 65535) == 80);
  auto from_string = read_int((*document)["s"], root.member("s"), 1, 65535);
  REQUIRE_FALSE(from_string.ok());
  CHECK(from_string.error().message == R"(s: expected an integer 1-65535, got "80")");
  CHECK(read_int((*document)["big"], root.member("big")).error().message ==
        "big: expected an integer, got 99999999999");
  CHECK(read_int((*document)["f"], root.member("f")).error().message ==
        "f: expected an integer, got 1.5");
}

TEST_CASE("skylr::util::describe_json") {
  auto document = parse_json(R"(["a\nb\"", null, true, {}, []])", "x");
  REQUIRE(document.ok());
  const auto& array = *document;
  CHECK(describe_json(array[0]) == R"("a\x0ab\"")");
  CHECK(describe_json(array[1]) == "null");
  CHECK(describe_json(array[2]) == "true");
  CHECK(describe_json(array[3]) == "an object");
  CHECK(describe_json(array[4]) == "an array");
}

TEST_CASE("skylr::util::compact_json") {
  auto document = parse_json("{ \"path\" : \"/mem\",\n \"errors\": [ \"too small\", 1.0e2 ] }", "x");
  REQUIRE(document.ok());
  CHECK(compact_json(*document) == R"({"path":"/mem","errors":["too small",100.0]})");
}

}  // namespace skylr::util
