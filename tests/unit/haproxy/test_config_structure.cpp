#include "haproxy/config_structure.h"

#include <doctest/doctest.h>

#include <string>

namespace skylr::haproxy {

TEST_CASE("skylr::haproxy::compare_structure") {
  const std::string head = "# generated\nfrontend web\n    bind *:3000\nbackend web_http\n    balance roundrobin\n";
  const std::string servers =
      "    server slot-1 10.0.0.1:31000 check\n    server slot-2 0.0.0.0:0 check disabled\n";
  const std::string api = "backend api_http\n    balance roundrobin\n";
  const std::string live = head + servers + api;
  const struct {
    const char* name;
    std::string rendered;
    ReloadReason reason;       // from live to rendered
    ReloadReason back_reason;  // from rendered to live
  } cases[] = {
      {"identical", live, ReloadReason::kNone, ReloadReason::kNone},
      {"addresses and disabled flags",
       head + "    server slot-1 0.0.0.0:0 check disabled\n    server slot-2 [fd00::1]:80 check\n" + api,
       ReloadReason::kNone, ReloadReason::kNone},
      {"comments", "# another comment\n" + live.substr(12), ReloadReason::kNone, ReloadReason::kNone},
      {"slots appended (`add server`); fewer slots need a reload",
       head + servers + "    server slot-3 0.0.0.0:0 check disabled\n    server slot-4 10.0.0.4:1 check\n" + api +
           "    server slot-1 10.0.0.5:1\n",
       ReloadReason::kNone, ReloadReason::kSlotsChanged},
      {"a slot appended without the keywords of the one before",
       head + servers + "    server slot-3 10.0.0.3:1\n" + api, ReloadReason::kSlotsChanged,
       ReloadReason::kSlotsChanged},
      {"a slot inserted before another", head + "    server slot-0 10.0.0.3:1 check\n" + servers + api,
       ReloadReason::kSlotsChanged, ReloadReason::kSlotsChanged},
      {"a slot renamed", head + "    server slot-1 10.0.0.1:31000 check\n    server slot-9 0.0.0.0:0 check\n" + api,
       ReloadReason::kSlotsChanged, ReloadReason::kSlotsChanged},
      {"a slot more and a new bind",
       "# generated\nfrontend web\n    bind *:3001\nbackend web_http\n    balance roundrobin\n" + servers +
           "    server slot-3 0.0.0.0:0 check disabled\n" + api,
       ReloadReason::kConfigChanged, ReloadReason::kConfigChanged},
      {"health checks turned off (a server keyword)",
       head + "    server slot-1 10.0.0.1:31000\n    server slot-2 0.0.0.0:0 disabled\n" + api,
       ReloadReason::kConfigChanged, ReloadReason::kConfigChanged},
      {"an option", live + "backend other\n", ReloadReason::kConfigChanged, ReloadReason::kConfigChanged},
      {"a blank line", live + "\n", ReloadReason::kConfigChanged, ReloadReason::kConfigChanged},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(compare_structure(live, c.rendered) == c.reason);
    CHECK(compare_structure(c.rendered, live) == c.back_reason);
  }
}

}  // namespace skylr::haproxy
