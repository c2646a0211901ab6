// MarathonClient: the failover loop over endpoints, and the redirect-following attempt
// at one endpoint. Reads, writes and streams differ only in which outcomes end the loop.
// The reads of apps on top of it are in marathon/client_apps.cpp.
#include "skylr/marathon_client.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <tuple>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "util/base64.h"

namespace skylr {

using util::base64_encode;
namespace {

constexpr int kMaxRedirects = 3;
constexpr std::string_view kCallsCancelled = "Marathon requests are cancelled";

enum class Kind { kRead, kWrite, kStream };

// Whether a `kind` call follows a redirect with `status`: writes only when the method
// is kept (307/308).
bool follows(Kind kind, int status) {
  if (status == 307 || status == 308) return true;
  return kind != Kind::kWrite && (status == 301 || status == 302 || status == 303);
}

// The origin and target a Location header points to, relative to `origin`; nullopt
// unless it is an absolute path or an http(s) URL.
std::optional<std::pair<std::string, std::string>> resolve(std::string_view location,
                                                           const std::string& origin) {
  if (location.starts_with('/') && !location.starts_with("//")) {
    return std::pair{origin, std::string(location)};
  }
  for (std::string_view scheme : {"http://", "https://"}) {
    if (!location.starts_with(scheme)) continue;
    std::string_view rest = location.substr(scheme.size());
    std::size_t end = std::min(rest.find('/'), rest.find('?'));
    std::string_view authority = rest.substr(0, end);
    if (authority.empty()) return std::nullopt;
    std::string_view path = end == std::string_view::npos ? "" : rest.substr(end);
    std::string target = path.starts_with('/') ? std::string(path) : fmt::format("/{}", path);
    return std::pair{fmt::format("{}{}", scheme, authority), std::move(target)};
  }
  return std::nullopt;
}

// `origin` ("scheme://host[:port]") in one spelling: lower case, with the scheme's default
// port when it has none, so that a Location header's origin matches an endpoint's.
std::string canonical_origin(std::string_view origin) {
  std::string canonical(origin);
  std::transform(canonical.begin(), canonical.end(), canonical.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::size_t host = canonical.find("://");
  std::size_t colon = canonical.rfind(':');
  bool has_port = host != std::string::npos && colon > host + 2 &&
                  canonical.find(']', colon) == std::string::npos;
  if (!has_port) canonical += canonical.starts_with("https:") ? ":443" : ":80";
  return canonical;
}

// What a call does after one exchange.
enum class Verdict { kAnswer, kFail, kNextEndpoint, kRedirect };

// The verdict on `answer` to a `kind` call; `delivered` tells that a stream had begun.
Verdict classify(Kind kind, const Result<HttpResponse>& answer, bool delivered) {
  if (!answer.ok()) {
    if (delivered) return Verdict::kAnswer;  // the end of a stream
    if (kind == Kind::kWrite && !is_connect_failure(answer.error())) return Verdict::kFail;
    return Verdict::kNextEndpoint;
  }
  int status = answer->status;
  if (status == 401 || status == 403) return Verdict::kFail;
  if (follows(kind, status)) return Verdict::kRedirect;
  if (status >= 500 && kind != Kind::kWrite) return Verdict::kNextEndpoint;
  return Verdict::kAnswer;
}

// The error of a kFail verdict on `request`; `has_credentials`: the client has some.
Error failure(const HttpRequest& request, const Result<HttpResponse>& answer, bool has_credentials) {
  if (answer.ok() && has_credentials && !request.headers.contains("Authorization")) {
    return Error{fmt::format("{} asked for credentials ({}), which Skylr sends only to the "
                             "marathon_hosts: list it there",
                             request.origin, answer->status)};
  }
  if (answer.ok()) {
    return Error{fmt::format("Marathon refused the credentials ({})", answer->status)};
  }
  return Error{answer.error().message + "; the request may have been applied"};
}

// Where the redirect `answer` from `origin` leads, when it is neither unusable, a URL in
// `seen` (the URLs requested so far), nor one hop too many.
Result<std::pair<std::string, std::string>> redirect_to(const HttpResponse& answer,
                                                        const std::string& origin,
                                                        const std::vector<std::string>& seen) {
  auto location = answer.headers.find("location");
  auto to = location == answer.headers.end() ? std::nullopt : resolve(location->second, origin);
  if (!to) {
    return Error{fmt::format("{}: HTTP {} without a usable Location", origin, answer.status)};
  }
  std::string url = to->first + to->second;
  if (std::find(seen.begin(), seen.end(), url) != seen.end()) {
    return Error{fmt::format("{}: redirect loop", url)};
  }
  if (seen.size() > kMaxRedirects) {
    return Error{fmt::format("{}: more than {} redirects", url, kMaxRedirects)};
  }
  return std::move(*to);
}

}  // namespace

struct MarathonClient::Call {
  Kind kind;
  std::string_view method;
  std::string_view target;
  std::string_view body;
  const BodyChunkHandler* on_chunk = nullptr;
  bool from_another = false;  // start after the endpoint that answered last
};

// A final result, or the reason ("<origin>: <why>") to try the next endpoint.
struct MarathonClient::Attempt {
  std::optional<Result<HttpResponse>> done;
  std::string reason;
};

MarathonClient::MarathonClient(const std::vector<MarathonEndpoint>& endpoints,
                               std::optional<MarathonCredentials> credentials, HttpClient& http,
                               MarathonTimeouts timeouts)
    : endpoints_(endpoints), http_(http), timeouts_(timeouts) {
  if (credentials) {
    authorization_ = "Basic " + base64_encode(credentials->user + ":" + credentials->password);
  }
  for (const MarathonEndpoint& endpoint : endpoints_) {
    trusted_origins_.push_back(canonical_origin(endpoint.origin()));
  }
}

Result<HttpResponse> MarathonClient::get(std::string_view target) { return read(target, false, nullptr); }

Result<HttpResponse> MarathonClient::read(std::string_view target, bool from_another, std::size_t* answered) {
  return call(Call{Kind::kRead, "GET", target, "", nullptr, from_another}, answered);
}

Result<HttpResponse> MarathonClient::send(std::string_view method, std::string_view target,
                                          std::string_view body) {
  return call(Call{Kind::kWrite, method, target, body});
}

Result<HttpResponse> MarathonClient::stream(std::string_view target,
                                            const BodyChunkHandler& on_chunk) {
  return call(Call{Kind::kStream, "GET", target, "", &on_chunk});
}

Result<HttpResponse> MarathonClient::call(const Call& call, std::size_t* answered) {
  if (endpoints_.empty()) return Error{"no Marathon endpoints configured"};
  std::vector<std::string> reasons;
  std::size_t first = preferred_.load() + (call.from_another ? 1 : 0);
  for (std::size_t i = 0; i < endpoints_.size(); ++i) {
    if (stop_.stop_requested()) return Error{std::string(kCallsCancelled)};
    std::size_t index = (first + i) % endpoints_.size();
    Attempt outcome = attempt(endpoints_[index], call);
    if (outcome.done) {
      if (outcome.done->ok()) preferred_ = index;
      if (answered != nullptr) *answered = index;
      return std::move(*outcome.done);
    }
    reasons.push_back(std::move(outcome.reason));
  }
  if (stop_.stop_requested()) return Error{std::string(kCallsCancelled)};
  return Error{fmt::format("no Marathon answered: {}", fmt::join(reasons, "; "))};
}

MarathonClient::Attempt MarathonClient::attempt(const MarathonEndpoint& endpoint,
                                                const Call& call) {
  std::string first = endpoint.origin();
  HttpRequest request = request_for(call, first, endpoint.base_path + std::string(call.target));
  std::vector<std::string> seen;
  // Moves on, naming the endpoint even when the reason arose after redirects.
  auto next = [&](std::string why) {
    if (seen.size() > 1) why = fmt::format("{}: redirected to {}", first, why);
    return Attempt{std::nullopt, std::move(why)};
  };
  for (;;) {
    seen.push_back(request.origin + request.target);
    bool delivered = false;
    auto watch = [&](std::string_view chunk) {
      delivered = true;
      return (*call.on_chunk)(chunk);
    };
    Result<HttpResponse> answer =
        call.on_chunk ? http_.stream(request, watch) : http_.send(request);
    if (!call.on_chunk && answer.ok()) bytes_read_.fetch_add(answer->body.size(), std::memory_order_relaxed);
    switch (classify(call.kind, answer, delivered)) {
      case Verdict::kAnswer: return Attempt{std::move(answer), ""};
      case Verdict::kFail: return Attempt{failure(request, answer, authorization_.has_value()), ""};
      case Verdict::kNextEndpoint:
        return next(answer.ok() ? fmt::format("{}: HTTP {}", request.origin, answer->status)
                                : answer.error().message);
      case Verdict::kRedirect: break;
    }
    auto to = redirect_to(*answer, request.origin, seen);
    if (!to.ok()) return next(to.error().message);
    std::tie(request.origin, request.target) = std::move(*to);
    set_credentials(request);
  }
}

HttpRequest MarathonClient::request_for(const Call& call, std::string origin,
                                        std::string target) const {
  HttpRequest request;
  request.method = std::string(call.method);
  request.origin = std::move(origin);
  request.target = std::move(target);
  request.headers["Accept"] = call.kind == Kind::kStream ? "text/event-stream" : "application/json";
  set_credentials(request);
  if (!call.body.empty()) {
    request.body = std::string(call.body);
    request.content_type = "application/json";
  }
  request.stop_token = stop_.get_token();
  request.connect_timeout = timeouts_.connect;
  request.read_timeout = timeouts_.first_byte;
  // One deadline for the endpoint, kept across its redirects; a stream lasts.
  if (call.kind != Kind::kStream) request.deadline = std::chrono::steady_clock::now() + timeouts_.total;
  return request;
}

void MarathonClient::set_credentials(HttpRequest& request) const {
  std::string origin = canonical_origin(request.origin);
  bool trusted =
      std::find(trusted_origins_.begin(), trusted_origins_.end(), origin) != trusted_origins_.end();
  if (authorization_ && trusted) {
    request.headers["Authorization"] = *authorization_;
  } else {
    request.headers.erase("Authorization");
  }
}

}  // namespace skylr
