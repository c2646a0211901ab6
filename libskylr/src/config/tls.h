// Reading the config's `tls` section: where the operator's certificates are, which one is
// the default, the shared HTTPS frontend, and the TLS policy HAProxy binds with.
// Not thread-safe.
#pragma once

#include "skylr/config.h"
#include "util/object_reader.h"

namespace skylr::config {

// The `tls` section of `root`: enabled when present; `certificates` and
// `default_certificate` required; `store` defaults to "skylr-certs" in the directory of
// `config_destination`, and the crt-list is the store's path + ".list".
TlsConfig read_tls(const util::ObjectReader& root, const std::string& config_destination);

}  // namespace skylr::config
