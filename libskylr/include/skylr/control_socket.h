// ControlSocket: one command to an HAProxy command socket (the master CLI in managed mode,
// later the admin socket's Runtime API), behind an interface so that tests script the
// answers. Implementations are thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "skylr/result.h"

namespace skylr {

class ControlSocket {
 public:
  virtual ~ControlSocket() = default;

  // Sends `command` and a newline to the stream socket at `socket_path`, then returns all
  // that HAProxy answers until it closes the connection. Fails naming the socket and the
  // reason when it cannot connect, send or read in time.
  virtual Result<std::string> command(const std::string& socket_path,
                                      const std::string& command) = 0;
};

// A ControlSocket over Unix stream sockets: connecting, sending and each read wait at
// most `timeout`, and answers are cut off (with an error) beyond 16 MiB.
std::unique_ptr<ControlSocket> unix_control_socket(std::chrono::milliseconds timeout);

// The process-wide Unix ControlSocket with a 5 s timeout.
ControlSocket& default_control_socket();

}  // namespace skylr
