// Reading the optional sections of the config that extend the original format: haproxy,
// stats, reload, marathon_credentials, marathon_timeouts, events and job_updates. Each returns its defaults
// (skylr/config.h) for whatever is absent and records every problem in the reader's
// Problems. Not thread-safe.
#pragma once

#include <optional>

#include "skylr/config.h"
#include "util/object_reader.h"

namespace skylr::config {

// The `haproxy` section of `root`.
HaproxyConfig read_haproxy(const util::ObjectReader& root);

// The `stats` section of `root`: enabled when present; port, user and password required.
StatsConfig read_stats(const util::ObjectReader& root);

// The `reload` section of `root`. Without `reload.mode` the mode is external when
// `has_pid_file` (an original-format file), else managed.
ReloadConfig read_reload(const util::ObjectReader& root, bool has_pid_file);

// The `marathon_credentials` section of `root`, nullopt when absent.
std::optional<MarathonCredentials> read_marathon_credentials(const util::ObjectReader& root);

// The `marathon_timeouts` section of `root`.
MarathonTimeouts read_marathon_timeouts(const util::ObjectReader& root);

// The `events` section of `root`.
EventsConfig read_events(const util::ObjectReader& root);

// The `job_updates` section of `root`; token names must be unique.
JobUpdateConfig read_job_updates(const util::ObjectReader& root);

}  // namespace skylr::config
