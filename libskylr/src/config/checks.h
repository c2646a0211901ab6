// Checks across fields of a parsed config: ports used twice, services that would share an
// app id or an HAProxy proxy name, and keys another key's value makes required. Pure apart
// from recording into Problems; not thread-safe.
#pragma once

#include "skylr/config.h"
#include "util/object_reader.h"

namespace skylr::config {

// Records every cross-field problem of `config`, each naming the later of two clashing
// keys (services in name order).
void check_config(const Config& config, util::Problems& problems);

}  // namespace skylr::config
