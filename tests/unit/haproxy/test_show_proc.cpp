#include <doctest/doctest.h>

#include <string>

#include "haproxy/show_proc.h"

namespace skylr::haproxy {
namespace {

constexpr const char* kHeader =
    "#<PID>          <type>          <reloads>       <uptime>        <version>      \n";

TEST_CASE("skylr::haproxy::parse_show_proc") {
  SUBCASE("master, current and old workers, programs") {
    std::string text = std::string(kHeader) +
                       "1162            master          5 [failed: 1]   0d00h02m07s     2.6.12\n"
                       "# workers\n"
                       "1271            worker          0               0d00h00m00s     2.6.12\n"
                       "# old workers\n"
                       "1233            worker          3               0d00h00m43s     2.6.12\n"
                       "# programs\n"
                       "1244            worker          0               0d00h00m00s     -\n"
                       "\n";
    Result<ProcList> procs = parse_show_proc(text);
    REQUIRE(procs.ok());
    CHECK(procs->master_pid == 1162);
    CHECK(procs->master_reloads == 5);
    CHECK(procs->failed_reloads == 1);
    REQUIRE(procs->workers.size() == 2);
    CHECK(procs->workers[0].pid == 1271);
    CHECK(procs->workers[0].reloads == 0);
    CHECK_FALSE(procs->workers[0].old);
    CHECK(procs->workers[1].pid == 1233);
    CHECK(procs->workers[1].reloads == 3);
    CHECK(procs->workers[1].old);
  }

  SUBCASE("a master without workers") {
    Result<ProcList> procs = parse_show_proc(
        std::string(kHeader) + "7 master 0 [failed: 0] 0d00h00m01s 2.6.12\n# workers\n# programs\n");
    REQUIRE(procs.ok());
    CHECK(procs->master_pid == 7);
    CHECK(procs->workers.empty());
  }

  SUBCASE("bad answers") {
    struct Case {
      std::string text;
      std::string error;
    };
    const Case cases[] = {
        {"", "HAProxy's 'show proc' answer has no master line"},
        {std::string(kHeader) + "# workers\n12 worker 0 0d 2.6\n",
         "HAProxy's 'show proc' answer has no master line"},
        {"Unknown command: 'show proc'\n",
         "unexpected line in HAProxy's 'show proc' answer: \"Unknown command: 'show proc'\""},
        {"12 master 0 0d00h00m01s 2.6\n",
         "unexpected line in HAProxy's 'show proc' answer: \"12 master 0 0d00h00m01s 2.6\""},
        {"0 master 0 [failed: 0] 0d 2.6\n",
         "unexpected line in HAProxy's 'show proc' answer: \"0 master 0 [failed: 0] 0d 2.6\""},
        {"12 worker -1 0d 2.6\n",
         "unexpected line in HAProxy's 'show proc' answer: \"12 worker -1 0d 2.6\""},
    };
    for (const Case& c : cases) {
      CAPTURE(c.text);
      Result<ProcList> procs = parse_show_proc(c.text);
      REQUIRE_FALSE(procs.ok());
      CHECK(procs.error().message == c.error);
    }
  }
}

}  // namespace
}  // namespace skylr::haproxy
