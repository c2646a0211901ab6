// Whether two rendered HAProxy configurations differ only where the Runtime API can
// follow: in their servers' addresses and `disabled` flags, in servers appended to a
// backend (`add server`), and in comments. Anything else — a frontend, an option, a
// server's other keywords, fewer or renamed servers — needs a reload. Pure; thread-safe.
#pragma once

#include <string_view>

#include "skylr/sync_report.h"

namespace skylr::haproxy {

// kNone when `rendered` is `live` but for server addresses, `disabled` flags, comment lines
// and server lines appended to backends (after a backend's last server line, or where it
// has none, each with the keywords of the server line before it if that is one);
// kSlotsChanged when besides those only the server names of some backend differ (slots
// were removed or renamed); kConfigChanged otherwise.
ReloadReason compare_structure(std::string_view live, std::string_view rendered);

}  // namespace skylr::haproxy
