// check_haproxy_config: asks HAProxy itself whether a configuration is valid
// (`haproxy -c`), before that configuration may go live. Stateless; thread-safe when the
// ProcessRunner is.
#pragma once

#include <string>

#include "skylr/process_runner.h"
#include "skylr/result.h"

namespace skylr::haproxy {

// Runs `<binary> -c -f <config_path> [-f <users_path>]` (the users file only when
// `users_path` is not empty) with a 10 s timeout. Fails with "haproxy binary not found:
// <binary>" when there is no such program, with the runner's error when it cannot start
// otherwise, and else names the exit code and carries HAProxy's alerts. (No -q: HAProxy 2.6 -q also silences the alerts that say what is wrong.)
Status check_haproxy_config(ProcessRunner& runner, const std::string& binary,
                            const std::string& config_path, const std::string& users_path);

}  // namespace skylr::haproxy
