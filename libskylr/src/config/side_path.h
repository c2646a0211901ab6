// The paths of files Skylr writes beside HAProxy's configuration for HAProxy to read (the
// routes map, the certificate store and its crt-list), which HAProxy takes as plain
// arguments. Not thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "util/object_reader.h"

namespace skylr::config {

// `name` in the directory of `config_destination`.
std::string beside_config(const std::string& config_destination, std::string_view name);

// Reads the member `key` of `section` into `path` (holding its default, beside_config's) as
// check_plain_path accepts it; without the member, the default is checked the same way and
// a problem says it is the default.
void read_side_path(const util::ObjectReader& section, std::string_view key, std::string& path);

}  // namespace skylr::config
