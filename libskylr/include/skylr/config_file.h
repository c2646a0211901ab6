// Loading the Skylr config from a file. Errors name the file before each problem, e.g.
// `/etc/skylr.json: services.web.port: expected an integer 1-65535, got "80"`.
#pragma once

#include <string>

#include "skylr/config.h"
#include "skylr/file_system.h"
#include "skylr/result.h"

namespace skylr {

// The validated config in the file at `path`; fails when the file cannot be read or with
// every problem, one per line, each prefixed with "<path>: ".
Result<Config> load_config_file(FileSystem& fs, const std::string& path);

// `error` with "<prefix>: " before each of its lines.
Error prefix_lines(const std::string& prefix, const Error& error);

}  // namespace skylr
