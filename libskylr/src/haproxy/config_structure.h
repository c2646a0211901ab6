// Whether two rendered HAProxy configurations differ only where the Runtime API can
// follow: in their servers' addresses and `disabled` flags (and in comments). Anything
// else — a frontend, an option, a server's other keywords, the number of servers —
// needs a reload. Pure; thread-safe.
#pragma once

#include <string_view>

#include "skylr/sync_report.h"

namespace skylr::haproxy {

// kNone when `live` and `rendered` differ only in server addresses, `disabled` flags and
// comment lines; kSlotsChanged when besides those only the server names of some backend
// differ (slots were added or removed); kConfigChanged otherwise.
ReloadReason compare_structure(std::string_view live, std::string_view rendered);

}  // namespace skylr::haproxy
