#include "haproxy/servers_state.h"

#include <doctest/doctest.h>

#include <map>
#include <string>

namespace skylr::haproxy {
namespace {

// As HAProxy 2.6 answers `show servers state` (two backends, one server draining).
constexpr const char* kServersState =
    "1\n"
    "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight "
    "srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health "
    "srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord "
    "srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port\n"
    "3 web_http 1 slot-1 127.0.0.1 2 0 1 1 1 6 3 4 6 0 0 0 - 19001 - 0 0 - - 0\n"
    "3 web_http 2 slot-2 0.0.0.0 0 5 1 1 1 1 0 0 14 0 0 0 - 0 - 0 0 - - 0\n"
    "4 api_http 1 slot-1 ::1 2 8 1 1 1 1 0 2 0 0 0 0 - 19001 - 0 0 - - 0\n"
    "\n";

// As HAProxy 2.6 answers `show stat` (columns cut after status).
constexpr const char* kStat =
    "# pxname,svname,qcur,qmax,scur,smax,slim,stot,status\n"
    "web,FRONTEND,,,3,3,256,7,OPEN\n"
    "web_http,slot-1,0,0,1,1,,4,UP\n"
    "web_http,slot-2,0,0,0,1,,4,DRAIN\n"
    "web_http,BACKEND,0,0,1,1,26,8,UP\n"
    "api_http,slot-1,0,0,2,2,,2,DRAIN\n"
    "\n";

}  // namespace

TEST_CASE("skylr::haproxy::parse_servers_state") {
  SUBCASE("every server with its address, port and admin state") {
    Result<std::vector<ServerState>> states = parse_servers_state(kServersState);
    REQUIRE(states.ok());
    REQUIRE(states->size() == 3);
    const ServerState& first = (*states)[0];
    CHECK(first.backend == "web_http");
    CHECK(first.server == "slot-1");
    CHECK(first.address == "127.0.0.1");
    CHECK(first.port == 19001);
    CHECK(first.admin_state == 0);
    CHECK((*states)[1].admin_state == 5);
    CHECK((*states)[2].address == "::1");
    CHECK((*states)[2].admin_state == kAdminForcedDrain);
  }
  SUBCASE("no backends: no servers") {
    Result<std::vector<ServerState>> states = parse_servers_state("1\n# be_id be_name srv_name srv_addr srv_port srv_admin_state\n");
    REQUIRE(states.ok());
    CHECK(states->empty());
  }
  SUBCASE("errors quote the line") {
    const struct {
      const char* answer;
      const char* message;
    } cases[] = {
        {"Can't find backend.\n", R"(unexpected show servers state line "Can't find backend.")"},
        {"", R"(unexpected show servers state line "")"},
        {"1\n# be_name srv_name\n", R"(unexpected show servers state header line "# be_name srv_name")"},
        {"1\n# be_name srv_name srv_addr srv_port srv_admin_state\nweb s1 1.2.3.4 80\n",
         R"(unexpected show servers state line "web s1 1.2.3.4 80")"},
        {"1\n# be_name srv_name srv_addr srv_port srv_admin_state\nweb s1 1.2.3.4 x 0\n",
         R"(unexpected show servers state line "web s1 1.2.3.4 x 0")"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.answer);
      Result<std::vector<ServerState>> states = parse_servers_state(c.answer);
      REQUIRE_FALSE(states.ok());
      CHECK(states.error().message == c.message);
    }
  }
}

TEST_CASE("skylr::haproxy::parse_stat_sessions") {
  SUBCASE("current sessions of servers, not of frontends and backends") {
    Result<std::map<std::string, int>> sessions = parse_stat_sessions(kStat);
    REQUIRE(sessions.ok());
    CHECK(*sessions == std::map<std::string, int>{
                           {"api_http/slot-1", 2}, {"web_http/slot-1", 1}, {"web_http/slot-2", 0}});
  }
  SUBCASE("errors quote the line") {
    const struct {
      const char* answer;
      const char* message;
    } cases[] = {
        {"Unknown command.\n", R"(unexpected show stat line "Unknown command.")"},
        {"# pxname,svname,qcur\n", R"(unexpected show stat header line "# pxname,svname,qcur")"},
        {"# pxname,svname,scur\nweb_http,slot-1\n", R"(unexpected show stat line "web_http,slot-1")"},
        {"# pxname,svname,scur\nweb_http,slot-1,many\n",
         R"(unexpected show stat line "web_http,slot-1,many")"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.answer);
      Result<std::map<std::string, int>> sessions = parse_stat_sessions(c.answer);
      REQUIRE_FALSE(sessions.ok());
      CHECK(sessions.error().message == c.message);
    }
  }
}

}  // namespace skylr::haproxy
