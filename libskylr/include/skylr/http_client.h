// HttpClient: outgoing HTTP (to Marathon, to skylrd), behind an interface so that tests
// answer with fakes or with servers on 127.0.0.1. Implementations are thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <stop_token>
#include <string>
#include <string_view>

#include "skylr/result.h"

namespace skylr {

// One request. `origin` is "http://host:port" (or https); `target` is path and query.
struct HttpRequest {
  std::string method = "GET";
  std::string origin;
  std::string target;
  std::map<std::string, std::string> headers;
  std::string body;
  std::string content_type;  // for a body
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds read_timeout{10000};  // the longest wait for the next byte
  // The whole exchange (connect, request, answer) ends by then, however the answer trickles.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  std::stop_token stop_token;  // once a stop is requested, the exchange ends at once
  std::size_t max_body_bytes = 64u << 20;  // larger answers fail instead of exhausting memory
};

// One answer. Header names are lower-case.
struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;
};

// Called with each piece of a streamed body; return false to stop reading.
using BodyChunkHandler = std::function<bool(std::string_view chunk)>;

// The reasons an HttpClient gives, after "<origin>: ", when no connection was made, so
// the server cannot have seen the request (callers may then send it elsewhere).
inline constexpr std::string_view kCannotConnect = "cannot connect";
inline constexpr std::string_view kConnectTimedOut = "connection timed out";

// The reasons, after "<origin>: ", of an exchange ended by its request's deadline or
// stop token.
inline constexpr std::string_view kDeadlinePassed = "no complete answer before the deadline";
inline constexpr std::string_view kCancelled = "cancelled";

// True when `error`, from HttpClient::send or stream, says no connection was made.
inline bool is_connect_failure(const Error& error) {
  std::string_view message = error.message;
  auto reason_is = [&](std::string_view reason) {
    return message.ends_with(reason) && message.substr(0, message.size() - reason.size()).ends_with(": ");
  };
  return reason_is(kCannotConnect) || reason_is(kConnectTimedOut);
}

class HttpClient {
 public:
  virtual ~HttpClient() = default;

  // Sends the request and reads the whole answer. Fails (with the origin and the reason)
  // when the server cannot be reached (see is_connect_failure), times out (a read, or the
  // deadline: kDeadlinePassed), is stopped through its stop token (kCancelled), or the
  // body exceeds max_body_bytes; any HTTP status is a successful exchange. Redirects are
  // not followed.
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;

  // Sends the request and, when the status is 2xx, passes the body to `on_chunk` as it
  // arrives, until the server closes, `on_chunk` returns false, or no byte arrives within
  // read_timeout; the returned response then has an empty body. Any other status's body
  // is read into the response as send() does. Fails as send() does (a stream should
  // leave the deadline unset).
  virtual Result<HttpResponse> stream(const HttpRequest& request, const BodyChunkHandler& on_chunk) = 0;
};

}  // namespace skylr
