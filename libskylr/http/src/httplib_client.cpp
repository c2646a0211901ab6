// httplib_client(): maps HttpRequest onto an httplib::Client made for its origin. Bodies
// arrive through a content receiver, so the size limit holds while reading and streams
// reach the caller chunk by chunk; an ExchangeWatchdog holds the request's deadline and
// stop token.
#include "skylr/httplib_client.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include <fmt/format.h>

#include "exchange_watchdog.h"

namespace skylr {
namespace {

// What went wrong, in an operator's words. httplib reports a read timeout and a
// dropped connection alike, and a refused connection like an unknown host.
std::string describe(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection: return std::string(kCannotConnect);
    case httplib::Error::ConnectionTimeout: return std::string(kConnectTimedOut);
    case httplib::Error::Read: return "read timed out or connection closed";
    case httplib::Error::Write: return "write failed or timed out";
    case httplib::Error::SSLConnection: return "TLS handshake failed";
    case httplib::Error::SSLLoadingCerts: return "cannot load the TLS trust store";
    case httplib::Error::SSLServerVerification: return "TLS certificate not trusted";
    case httplib::Error::Compression: return "cannot decompress the answer";
    default: return httplib::to_string(error);
  }
}

// The answer's headers with lower-case names; repeated headers are joined with ", ".
std::map<std::string, std::string> lower_case_headers(const httplib::Headers& headers) {
  std::map<std::string, std::string> lowered;
  for (const auto& [name, value] : headers) {
    std::string key = name;
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = lowered.emplace(key, value);
    if (!inserted) it->second += ", " + value;
  }
  return lowered;
}

httplib::Request make_request(const HttpRequest& request) {
  httplib::Request out;
  out.method = request.method;
  out.path = request.target.empty() ? "/" : request.target;
  for (const auto& [name, value] : request.headers) out.headers.emplace(name, value);
  if (!request.content_type.empty()) out.headers.emplace("Content-Type", request.content_type);
  out.body = request.body;
  return out;
}

// Why `request` must not start: a stop was requested or its deadline has passed; nullopt
// when it may.
std::optional<std::string_view> refusal(const HttpRequest& request) {
  if (request.stop_token.stop_requested()) return kCancelled;
  if (std::chrono::steady_clock::now() >= request.deadline) return kDeadlinePassed;
  return std::nullopt;
}

// Sets `request`'s timeouts on `client`. A connect that would outlast the deadline times
// out like one that cannot be made (nothing was sent, so another server may be asked).
void set_timeouts(httplib::Client& client, const HttpRequest& request) {
  auto left = request.deadline - std::chrono::steady_clock::now();
  client.set_connection_timeout(
      std::min<std::chrono::steady_clock::duration>(request.connect_timeout, left));
  client.set_read_timeout(request.read_timeout);
  client.set_write_timeout(request.read_timeout);
}

// The reason, after "<origin>: ", of an exchange the watchdog stopped.
std::string_view reason_of(http::StopReason stop) {
  return stop == http::StopReason::kDeadline ? kDeadlinePassed : kCancelled;
}

// Sends `request`; a 2xx body goes to `on_chunk` when given, any other body into the
// response, bounded by max_body_bytes.
Result<HttpResponse> exchange(const HttpRequest& request, const BodyChunkHandler* on_chunk) {
  const std::string& origin = request.origin;
  if (!origin.starts_with("http://") && !origin.starts_with("https://")) {
    return Error{fmt::format("{}: not an http:// or https:// origin", origin)};
  }
  httplib::Client client(origin);
  if (!client.is_valid()) return Error{fmt::format("{}: not a valid origin", origin)};
  if (auto refused = refusal(request)) return Error{fmt::format("{}: {}", origin, *refused)};
  set_timeouts(client, request);
  client.set_follow_location(false);
  client.set_url_encode(false);

  httplib::Request out = make_request(request);
  httplib::Response in;
  HttpResponse response;
  bool too_big = false;
  bool stopped = false;
  out.content_receiver = [&](const char* data, std::size_t size, std::uint64_t, std::uint64_t) {
    if (on_chunk && in.status / 100 == 2) {
      stopped = !(*on_chunk)(std::string_view(data, size));
      return !stopped;
    }
    too_big = response.body.size() + size > request.max_body_bytes;
    if (!too_big) response.body.append(data, size);
    return !too_big;
  };
  httplib::Error error = httplib::Error::Success;
  http::ExchangeWatchdog watchdog(client, request.deadline, request.stop_token);
  bool done = client.send(out, in, error);
  http::StopReason watchdog_stop = watchdog.finish();
  if (!done && watchdog_stop != http::StopReason::kNone) {
    return Error{fmt::format("{}: {}", origin, reason_of(watchdog_stop))};
  }
  if (too_big) {
    return Error{fmt::format("answer from {} exceeds {} bytes", origin, request.max_body_bytes)};
  }
  if (!done && !stopped) return Error{fmt::format("{}: {}", origin, describe(error))};
  response.status = in.status;
  response.headers = lower_case_headers(in.headers);
  return response;
}

class HttplibClient final : public HttpClient {
 public:
  Result<HttpResponse> send(const HttpRequest& request) override {
    return exchange(request, nullptr);
  }

  Result<HttpResponse> stream(const HttpRequest& request,
                              const BodyChunkHandler& on_chunk) override {
    return exchange(request, &on_chunk);
  }
};

}  // namespace

HttpClient& httplib_client() {
  static HttplibClient client;
  return client;
}

}  // namespace skylr
