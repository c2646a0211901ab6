// The real HttpClient: HTTP/1.1 and HTTPS (certificates checked against the system's
// trust store) through cpp-httplib, one connection per request. Thread-safe.
#pragma once

#include "skylr/http_client.h"

namespace skylr {

// The process-wide HttpClient over cpp-httplib. Targets are sent as given (already
// percent-encoded); transport errors read "<origin>: <reason>", e.g.
// "http://c0:8080: cannot connect".
HttpClient& httplib_client();

}  // namespace skylr
