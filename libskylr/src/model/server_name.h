// HAProxy server names for Marathon tasks. A name is derived from the task id alone, not
// from the task's position in Marathon's answer, so it stays the same across reloads while
// the task lives (HAProxy keeps a server's state and stats by name).
#pragma once

#include <string>
#include <string_view>

namespace skylr::model {

// The server name for task `task_id`: "t-<uuid>" when the id ends in ".<uuid>" (the usual
// "app.<uuid>" form); otherwise the id with every character outside [A-Za-z0-9_.:-]
// replaced by '_', followed by "-<FNV-1a of the id, 8 hex digits>" when anything was
// replaced, so that distinct ids give distinct names. Never empty.
std::string server_name(std::string_view task_id);

}  // namespace skylr::model
