#include "json_report.h"

#include <doctest/doctest.h>

#include <sstream>

namespace skylr {

TEST_CASE("skylr::JsonReport") {
  JsonReport report("regenerate");
  report.text("config", "a \"b\"\n.json").number("duration_ms", 41).flag("dry_run", false).texts("ids", {"x", "y"});
  SUBCASE("the common members, the command's in order, then the messages") {
    CHECK(report.json(0, "") ==
          R"({"command":"regenerate","ok":true,"exit_code":0,"config":"a \"b\"\n.json","duration_ms":41,)"
          R"("dry_run":false,"ids":["x","y"],"messages":[]})");
  }
  SUBCASE("a failure: ok false, one message per line") {
    CHECK(JsonReport("validate").json(1, "f: a\nf: b\n") ==
          R"({"command":"validate","ok":false,"exit_code":1,"messages":["f: a","f: b"]})");
  }
}

TEST_CASE("skylr::run_command") {
  std::ostringstream out;
  std::ostringstream err;
  JsonReport report("validate");
  TextCommand command = [&report](std::ostream& text, std::ostream& problems) {
    report.text("seen", "yes");
    text << "result line\n";
    problems << "warning: one\n";
    return 4;
  };
  SUBCASE("as text: the command's streams") {
    CHECK(run_command(false, report, command, out, err) == 4);
    CHECK(out.str() == "result line\n");
    CHECK(err.str() == "warning: one\n");
  }
  SUBCASE("as JSON: the object alone on out, the text on err, members filled by the command") {
    CHECK(run_command(true, report, command, out, err) == 4);
    CHECK(out.str() ==
          R"({"command":"validate","ok":false,"exit_code":4,"seen":"yes","messages":["warning: one"]})"
          "\n");
    CHECK(err.str() == "result line\nwarning: one\n");
  }
}

}  // namespace skylr
