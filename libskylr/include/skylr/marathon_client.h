// MarathonClient: Skylr's requests to a Marathon cluster, over any HttpClient. Reads fail
// over between the configured endpoints, starting with the last one that answered, and
// follow a non-leader's redirect to the leader (at most 3 hops, never in a loop); like
// curl, they present the credentials only to the configured endpoints' origins, never to
// another host a redirect names. Writes
// go to the first endpoint that can be reached and are never sent twice. Every call but
// a stream has a deadline per endpoint (MarathonTimeouts::total), so a Marathon that
// trickles its answer cannot hold it. Errors name every endpoint tried and its reason.
// Thread-safe when the HttpClient is.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "skylr/config.h"
#include "skylr/http_client.h"
#include "skylr/marathon.h"
#include "skylr/result.h"

namespace skylr {

// Marathon's apps as one of the configured endpoints gave them.
struct AppsFrom {
  std::vector<App> apps;
  std::string origin;  // the configured endpoint that answered ("http://m2:8080"), before any redirect
};

class MarathonClient {
 public:
  // A client of the Marathons at `endpoints` that presents `credentials`, when set, as
  // HTTP basic auth to those endpoints' origins and waits as `timeouts` say. `http` must
  // outlive the client.
  MarathonClient(const std::vector<MarathonEndpoint>& endpoints,
                 std::optional<MarathonCredentials> credentials, HttpClient& http,
                 MarathonTimeouts timeouts = {});

  // GETs `target` (path and query below the endpoint's base path) and returns the first
  // answer that is neither 5xx nor a redirect, e.g. 200 or 404. Connection failures,
  // timeouts (a passed deadline too) and 5xx move on to the next endpoint. Fails on 401/403 ("Marathon refused
  // the credentials (401)", or "<origin> asked for credentials (401), which Skylr sends only
  // to the marathon_hosts" after a redirect elsewhere) or when no endpoint answers ("no
  // Marathon answered: <origin>: <reason>; ...").
  Result<HttpResponse> get(std::string_view target);

  // Marathon's apps with their tasks, from GET /v2/apps?embed=apps.tasks. Fails as get()
  // does, on an answer other than 200, or when parse_apps_with_tasks rejects the body (an
  // app it cannot read whole comes back `malformed`).
  Result<std::vector<App>> fetch_apps();

  // The app `app_id` ("/grp/web", as Marathon writes it) with its tasks, from
  // GET /v2/apps/<id>?embed=app.tasks, or nullopt when Marathon answers 404 with its error
  // message (`{"message":"App '/grp/web' does not exist"}`): the app does not exist. Fails
  // without a request when `app_id` is not a Marathon app id (segments of [A-Za-z0-9._-]
  // separated by '/', which need no percent-encoding); otherwise fails as fetch_apps does
  // (any other status, a 404 that is not Marathon's, a body parse_app_with_tasks rejects),
  // and when the answer is for another app. An app parse_app_with_tasks cannot read whole
  // comes back `malformed`.
  Result<std::optional<App>> fetch_app(std::string_view app_id);

  // fetch_apps for a second opinion: starts with the endpoint after the one that answered
  // last (the same one when there is only one), so that another Marathon master answers
  // when one can, then fails over as fetch_apps does. Says which endpoint answered.
  Result<AppsFrom> fetch_apps_from_another();

  // Sends a write (`method` PUT, PATCH, POST or DELETE) with the JSON `body` (none when
  // empty) and returns Marathon's answer whatever its status, except 401/403. Moves to the
  // next endpoint only when no connection could be made, so Marathon never sees it twice;
  // fails when the exchange broke after sending ("...; the request may have been applied").
  Result<HttpResponse> send(std::string_view method, std::string_view target,
                            std::string_view body);

  // GETs `target` as text/event-stream with get()'s failover and passes a 2xx body to
  // `on_chunk` as it arrives (see HttpClient::stream). Once a chunk was passed, whatever
  // ends the stream is returned without trying another endpoint.
  Result<HttpResponse> stream(std::string_view target, const BodyChunkHandler& on_chunk);

  // The body bytes of every answer received so far by every call but stream(): get,
  // fetch_apps, fetch_apps_from_another, fetch_app and send, redirects and answers that made
  // a call try the next endpoint included. Never decreases.
  std::uint64_t bytes_read() const { return bytes_read_.load(std::memory_order_relaxed); }

  // Ends every call in progress at once, whatever Marathon does, and fails every later
  // call at once ("Marathon requests are cancelled"); for a program that stops. A write
  // already sent fails with "<origin>: cancelled; the request may have been applied".
  void cancel() { stop_.request_stop(); }

 private:
  struct Call;
  struct Attempt;

  // Runs `call` on each endpoint in turn until one gives a final result; sets `answered`,
  // when given, to the index of the endpoint that gave it.
  Result<HttpResponse> call(const Call& call, std::size_t* answered = nullptr);

  // get(`target`), starting after the endpoint that answered last when `from_another`;
  // sets `answered` as call() does.
  Result<HttpResponse> read(std::string_view target, bool from_another, std::size_t* answered);

  // GET /v2/apps?embed=apps.tasks through read(), parsed.
  Result<AppsFrom> read_apps(bool from_another);

  // Runs `call` at `endpoint`, following redirects.
  Attempt attempt(const MarathonEndpoint& endpoint, const Call& call);

  // The request for `call`, with headers, timeouts and the endpoint's deadline, for
  // `origin` and `target`.
  HttpRequest request_for(const Call& call, std::string origin, std::string target) const;
  // Sets `request`'s credentials for its origin: present for a configured endpoint's, absent
  // for any other.
  void set_credentials(HttpRequest& request) const;

  std::vector<MarathonEndpoint> endpoints_;
  std::optional<std::string> authorization_;  // "Basic <base64>"
  std::vector<std::string> trusted_origins_;  // the endpoints' origins, canonical
  HttpClient& http_;
  MarathonTimeouts timeouts_;
  std::atomic<std::size_t> preferred_{0};  // the endpoint that answered last
  std::atomic<std::uint64_t> bytes_read_{0};  // see bytes_read()
  std::stop_source stop_;  // every request carries its token
};

}  // namespace skylr
