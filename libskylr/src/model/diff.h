// ModelDiff: what changed between two models, per service: the servers that appeared and
// the ones that went away. For log lines ("+2 -1 backends") and for deciding whether a
// change only moves servers. Pure.
#pragma once

#include <string>
#include <vector>

#include "skylr/model.h"

namespace skylr::model {

// The servers one service gained and lost.
struct ServiceChange {
  std::string service;
  std::vector<Server> added;    // by name
  std::vector<Server> removed;  // by name
};

// The services whose servers differ between `before` and `after` (a server whose address
// or port changed counts as removed and added), in service-name order. Services present
// in only one model count from or to an empty server list.
std::vector<ServiceChange> diff_models(const Model& before, const Model& after);

// A one-line summary such as "web +2 -1, api -1", or "no backend changes".
std::string summarize_changes(const std::vector<ServiceChange>& changes);

}  // namespace skylr::model
