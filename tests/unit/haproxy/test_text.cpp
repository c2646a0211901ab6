#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "haproxy/text.h"

namespace skylr::haproxy {
namespace {

TEST_CASE("skylr::haproxy::haproxy_messages") {
  struct Case {
    std::string output;
    std::string expected;
  };
  const Case cases[] = {
      {"", ""},
      {"Configuration file is valid\n", "Configuration file is valid"},
      {"[NOTICE]   (1) : haproxy version is 2.6.12\n"
       "[NOTICE]   (1) : path to executable is /usr/sbin/haproxy\n"
       "[ALERT]    (1) : config : parsing [a.cfg:6] : unknown keyword 'x'\n"
       "[ALERT]    (1) : config : Fatal errors found in configuration.\n",
       "[ALERT]    (1) : config : parsing [a.cfg:6] : unknown keyword 'x'\n"
       "[ALERT]    (1) : config : Fatal errors found in configuration."},
      {"[NOTICE]   (1) : haproxy version is 2.6.12\n  \n", ""},
      {"\n[WARNING]  (1) : something", "[WARNING]  (1) : something"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.output);
    CHECK(haproxy_messages(c.output) == c.expected);
  }
}

TEST_CASE("skylr::haproxy::split_words") {
  struct Case {
    std::string text;
    std::vector<std::string_view> expected;
  };
  const Case cases[] = {
      {"", {}},
      {" \t\n", {}},
      {"1234", {"1234"}},
      {"12 34\n", {"12", "34"}},
      {"\t7  master\r\n8", {"7", "master", "8"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(split_words(c.text) == c.expected);
  }
}

}  // namespace
}  // namespace skylr::haproxy
