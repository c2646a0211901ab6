// Reading the `services` section: one ServiceConfig per Marathon app id, with its key
// checked as an app id and its fields validated. Not thread-safe (writes to Problems).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "skylr/config.h"
#include "util/object_reader.h"

namespace skylr::config {

// The absolute Marathon app id a service key stands for ("grp/app" -> "/grp/app"), or
// nullopt when the key is not segments of [A-Za-z0-9._-] separated by '/' (an optional
// leading '/' allowed; empty, "." and ".." segments are not).
std::optional<std::string> app_id_for_key(std::string_view key);

// Reads the required `services` object of `root` into `services`, keyed as written.
// Entries whose key is not an app id are reported and left out.
void read_services(const util::ObjectReader& root, std::map<std::string, ServiceConfig>& services);

}  // namespace skylr::config
