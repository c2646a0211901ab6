#include "http_call.h"

namespace skylr::testing {

HttpAnswer http_call(int port, const std::string& method, const std::string& target, const std::string& body,
                     const httplib::Headers& headers) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(5, 0);
  client.set_write_timeout(5, 0);
  httplib::Result result = method == "GET"    ? client.Get(target, headers)
                           : method == "PUT"  ? client.Put(target, headers, body, "application/json")
                           : method == "POST" ? client.Post(target, headers, body, "application/json")
                                              : client.Delete(target, headers);
  if (!result) return {0, "", httplib::to_string(result.error())};
  return {result->status, result->body, ""};
}

}  // namespace skylr::testing
