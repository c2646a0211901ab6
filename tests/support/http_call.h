// One HTTP exchange with a program under test on 127.0.0.1 (the simulator's API, skylrd's
// endpoints), for the benchmarks and the soak. Thread-safe.
#pragma once

#include <httplib.h>

#include <string>

namespace skylr::testing {

// An HTTP answer: status 0 when the request failed (then `error` says why).
struct HttpAnswer {
  int status = 0;
  std::string body;
  std::string error;
};

// `method` `target` on 127.0.0.1:`port` on a fresh connection (5 s timeouts) with
// `headers`; `body` is sent as JSON when not empty.
HttpAnswer http_call(int port, const std::string& method, const std::string& target, const std::string& body = "",
                     const httplib::Headers& headers = {});

}  // namespace skylr::testing
