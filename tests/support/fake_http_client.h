// FakeHttpClient: an HttpClient for tests that answers from a script instead of the
// network ("Marathon answers 500", "c0 refuses connections") and records every request.
// Answers are scripted per origin, optionally per target; an unscripted origin fails
// like an unreachable host ("<origin>: cannot connect"). stream() hands a 2xx body to
// the handler as scripted chunks. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "skylr/http_client.h"

namespace skylr::testing {

class FakeHttpClient final : public HttpClient {
 public:
  // Answers requests for `target` at `origin` (every target when empty) with `status`,
  // `body` and `headers` (names in lower case).
  void answer(const std::string& origin, int status, std::string body = "",
              std::map<std::string, std::string> headers = {}, const std::string& target = "") {
    script(origin, target, HttpResponse{status, std::move(headers), std::move(body)});
  }

  // Answers the next request to `origin` (any target) with `status` and `body`, once,
  // before the standing answers of answer(); several are given out in the order queued.
  void answer_once(const std::string& origin, int status, std::string body) {
    std::lock_guard lock(mutex_);
    once_[origin].push_back(HttpResponse{status, {}, std::move(body)});
  }

  // Makes requests to `origin` fail with "<origin>: <reason>", e.g. kConnectTimedOut.
  void fail(const std::string& origin, std::string_view reason, const std::string& target = "") {
    script(origin, target, Error{fmt::format("{}: {}", origin, reason)});
  }

  // The pieces stream() passes for a 2xx answer, instead of its whole body at once;
  // with `end_reason`, the stream then breaks with "<origin>: <end_reason>".
  void stream_chunks(std::vector<std::string> chunks, std::string end_reason = "") {
    std::lock_guard lock(mutex_);
    chunks_ = std::move(chunks);
    end_reason_ = std::move(end_reason);
  }

  // Every request so far, in order.
  std::vector<HttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

  // "<origin><target>" of every request so far, in order.
  std::vector<std::string> urls() const {
    std::vector<std::string> urls;
    for (const HttpRequest& request : requests()) urls.push_back(request.origin + request.target);
    return urls;
  }

  Result<HttpResponse> send(const HttpRequest& request) override {
    Result<HttpResponse> result = lookup(request);
    if (result.ok() && result->body.size() > request.max_body_bytes) {
      return Error{fmt::format("answer from {} exceeds {} bytes", request.origin,
                               request.max_body_bytes)};
    }
    return result;
  }

  Result<HttpResponse> stream(const HttpRequest& request,
                              const BodyChunkHandler& on_chunk) override {
    Result<HttpResponse> result = send(request);
    if (!result.ok() || result->status / 100 != 2) return result;
    std::vector<std::string> chunks = chunks_or(result->body);
    result->body.clear();
    for (const std::string& chunk : chunks) {
      if (!on_chunk(chunk)) return result;
    }
    std::lock_guard lock(mutex_);
    if (!end_reason_.empty()) return Error{fmt::format("{}: {}", request.origin, end_reason_)};
    return result;
  }

 private:
  void script(const std::string& origin, const std::string& target, Result<HttpResponse> result) {
    std::lock_guard lock(mutex_);
    script_.insert_or_assign({origin, target}, std::move(result));
  }

  Result<HttpResponse> lookup(const HttpRequest& request) {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
    if (auto queued = once_.find(request.origin); queued != once_.end() && !queued->second.empty()) {
      HttpResponse answer = std::move(queued->second.front());
      queued->second.erase(queued->second.begin());
      return answer;
    }
    auto scripted = script_.find({request.origin, request.target});
    if (scripted == script_.end()) scripted = script_.find({request.origin, ""});
    if (scripted == script_.end()) {
      return Error{fmt::format("{}: {}", request.origin, kCannotConnect)};
    }
    return scripted->second;
  }

  std::vector<std::string> chunks_or(const std::string& body) const {
    std::lock_guard lock(mutex_);
    return chunks_.empty() ? std::vector<std::string>{body} : chunks_;
  }

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Result<HttpResponse>> script_;
  std::map<std::string, std::vector<HttpResponse>> once_;  // by origin, in order
  std::vector<std::string> chunks_;
  std::string end_reason_;
  std::vector<HttpRequest> requests_;
};

}  // namespace skylr::testing
