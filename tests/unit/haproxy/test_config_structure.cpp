#include "haproxy/config_structure.h"

#include <doctest/doctest.h>

#include <string>

namespace skylr::haproxy {

TEST_CASE("skylr::haproxy::compare_structure") {
  const std::string live =
      "# generated\nfrontend web\n    bind *:3000\nbackend web_http\n    balance roundrobin\n"
      "    server slot-1 10.0.0.1:31000 check\n    server slot-2 0.0.0.0:0 check disabled\n";
  const struct {
    const char* name;
    std::string rendered;
    ReloadReason reason;
  } cases[] = {
      {"identical", live, ReloadReason::kNone},
      {"addresses and disabled flags",
       "# generated\nfrontend web\n    bind *:3000\nbackend web_http\n    balance roundrobin\n"
       "    server slot-1 0.0.0.0:0 check disabled\n    server slot-2 [fd00::1]:80 check\n",
       ReloadReason::kNone},
      {"comments",
       "# another comment\nfrontend web\n    bind *:3000\nbackend web_http\n    balance roundrobin\n"
       "    server slot-1 10.0.0.1:31000 check\n    server slot-2 0.0.0.0:0 check disabled\n",
       ReloadReason::kNone},
      {"a slot more",
       live + "    server slot-3 0.0.0.0:0 check disabled\n", ReloadReason::kSlotsChanged},
      {"a slot less",
       "# generated\nfrontend web\n    bind *:3000\nbackend web_http\n    balance roundrobin\n"
       "    server slot-1 10.0.0.1:31000 check\n",
       ReloadReason::kSlotsChanged},
      {"a slot more and a new bind",
       "# generated\nfrontend web\n    bind *:3001\nbackend web_http\n    balance roundrobin\n"
       "    server slot-1 10.0.0.1:31000 check\n    server slot-2 0.0.0.0:0 check disabled\n"
       "    server slot-3 0.0.0.0:0 check disabled\n",
       ReloadReason::kConfigChanged},
      {"health checks turned off (a server keyword)",
       "# generated\nfrontend web\n    bind *:3000\nbackend web_http\n    balance roundrobin\n"
       "    server slot-1 10.0.0.1:31000\n    server slot-2 0.0.0.0:0 disabled\n",
       ReloadReason::kConfigChanged},
      {"an option", live + "backend other\n", ReloadReason::kConfigChanged},
      {"a blank line", live + "\n", ReloadReason::kConfigChanged},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(compare_structure(live, c.rendered) == c.reason);
    CHECK(compare_structure(c.rendered, live) == c.reason);
  }
}

}  // namespace skylr::haproxy
