// The labels that set how a published port is routed: virtual hosts, paths, mode,
// balance, bind address and basic auth, each value checked so that it cannot end its
// token in the HAProxy configuration. Each reader fills `service` from the label when it
// is set and returns the reason to refuse the port when its value is invalid. Pure.
#pragma once

#include <optional>
#include <string>

#include "discovery/label_lookup.h"
#include "skylr/config.h"

namespace skylr::discovery {

// HAPROXY_{n}_VHOST: host names (or "*." and a host name), lower case, sorted, unique.
std::optional<std::string> read_vhosts(PortLabels& labels, ServiceConfig& service);

// HAPROXY_{n}_PATH: path prefixes, needing a virtual host.
std::optional<std::string> read_paths(PortLabels& labels, ServiceConfig& service);

// HAPROXY_{n}_MODE: http or tcp; HTTP by default with a virtual host, else TCP.
std::optional<std::string> read_mode(PortLabels& labels, ServiceConfig& service);

// HAPROXY_{n}_BALANCE: one of HAProxy's simple algorithms.
std::optional<std::string> read_balance(PortLabels& labels, ServiceConfig& service);

// HAPROXY_{n}_BIND_ADDR: an IP address.
std::optional<std::string> read_bind_addr(PortLabels& labels, ServiceConfig& service);

// HAPROXY_{n}_AUTH: realm:user:hash, HTTP mode only (read after the mode is final).
std::optional<std::string> read_auth(PortLabels& labels, ServiceConfig& service);

// The HTTPS labels, HTTP mode only: HAPROXY_{n}_REDIRECT_TO_HTTPS, HAPROXY_{n}_USE_HSTS
// (tls.hsts_max_age) and HAPROXY_{n}_SSL_CERT, a file name in tls.certificates (never a
// path: a label cannot make HAProxy read any file), needing the `tls` section.
std::optional<std::string> read_https(PortLabels& labels, const TlsConfig& tls, ServiceConfig& service);

}  // namespace skylr::discovery
