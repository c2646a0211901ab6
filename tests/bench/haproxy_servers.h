// Whether HAProxy serves an address, asked on its admin socket (`show servers state
// <backend>`, read by libskylr's parser), for the benchmarks that time a change until
// HAProxy has it. Thread-safe.
#pragma once

#include <string>

namespace skylr::bench {

// True when `backend` has a server at `address`:`port` that is neither in maintenance nor
// draining, as the admin socket at `admin_socket` answers now (within 5 s); false also when
// the socket does not answer or the backend is unknown.
bool haproxy_serves(const std::string& admin_socket, const std::string& backend, const std::string& address,
                    int port);

}  // namespace skylr::bench
