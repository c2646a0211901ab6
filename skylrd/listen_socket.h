// skylrd's listen socket, exclusive: no other process can listen on its port. cpp-httplib
// 0.11 (Debian 12) sets SO_REUSEPORT on every server socket, which lets any process of the
// same user bind the same port and take a share of its connections (two skylrd split
// /status answers 6:2). skylrd's socket has SO_REUSEADDR only: a restart may bind while
// the old connections linger in TIME_WAIT, but a second listener is refused. cpp-httplib
// tells only that a bind failed, so the OS's reason is found by trying once more.
// Thread-compatible.
#pragma once

#include <httplib.h>

#include <string>

#include "skylr/config.h"
#include "skylr/result.h"

namespace skylr {

// Binds `server` to `address` with an exclusive socket (port 0: one the kernel picks):
// the port it listens on, or "cannot listen on HOST:PORT: <the OS's reason>", e.g.
// "cannot listen on 127.0.0.1:3030: Address already in use".
Result<int> bind_exclusively(httplib::Server& server, const ListenAddress& address);

// Why an exclusive socket cannot listen on `address`, in the OS's words: the resolver's
// or bind(2)'s and listen(2)'s error, found by trying.
std::string listen_failure(const ListenAddress& address);

}  // namespace skylr
