// watch_deployment against a scripted Marathon: progress per step, failed polls reported
// once per distinct error and retried, the end, and the timeout.
#include "deployment_watch.h"

#include <doctest/doctest.h>

#include <mutex>
#include <sstream>
#include <vector>

#include "exit_codes.h"
#include "skylr/httplib_client.h"
#include "skylr/marathon_endpoint.h"
#include "test_server.h"

namespace skylr {
namespace {

using std::chrono::milliseconds;

// A Marathon whose GET /v2/deployments gives the scripted answers in turn, the last one
// forever after.
class ScriptedMarathon {
 public:
  explicit ScriptedMarathon(std::vector<std::pair<int, std::string>> answers)
      : answers_(std::move(answers)),
        server_([this](httplib::Server& routes) {
          routes.Get("/v2/deployments", [this](const httplib::Request&, httplib::Response& response) {
            std::lock_guard lock(mutex_);
            const auto& [status, body] = answers_[std::min(next_++, answers_.size() - 1)];
            response.status = status;
            response.set_content(body, "application/json");
          });
        }),
        client_({parse_marathon_endpoint(server_.origin()).value()}, std::nullopt, httplib_client()) {}

  MarathonClient& client() { return client_; }

 private:
  std::mutex mutex_;
  std::vector<std::pair<int, std::string>> answers_;
  std::size_t next_ = 0;
  testing::TestServer server_;
  MarathonClient client_;
};

constexpr const char* kStep1 = R"([{"id":"d-1","currentStep":1,"totalSteps":2},{"id":"other"}])";
constexpr const char* kStep2 = R"([{"id":"d-1","currentStep":2,"totalSteps":2}])";

}  // namespace

TEST_CASE("skylr::watch_deployment") {
  WatchSettings settings{milliseconds(5000), milliseconds(1), false};
  std::ostringstream out;
  std::ostringstream err;

  SUBCASE("a line per step; failed polls reported once each and retried; then the end") {
    ScriptedMarathon marathon({{200, kStep1},
                               {200, kStep1},
                               {200, "oops"},
                               {200, "oops"},
                               {404, "{}"},
                               {200, kStep2},
                               {200, "[]"}});
    CHECK(watch_deployment(marathon.client(), "d-1", settings, out, err) == kExitDone);
    std::string text = out.str();
    CHECK(text.starts_with("deployment d-1: step 1 of 2 ("));
    CHECK(text.find("s)\ndeployment d-1: step 2 of 2 (") != std::string::npos);
    CHECK(text.find("s)\ndeployment d-1 finished after ") != std::string::npos);
    CHECK(std::count(text.begin(), text.end(), '\n') == 3);
    CHECK(err.str() ==
          "cannot read Marathon's deployments, retrying: GET /v2/deployments: invalid JSON at line 1, column "
          "1: "
          "Invalid value.\n"
          "cannot read Marathon's deployments, retrying: GET /v2/deployments: Marathon answered HTTP 404\n");
  }
  SUBCASE("in place: the line is rewritten, ended before an error, cleared for the end") {
    settings.in_place = true;
    ScriptedMarathon marathon({{200, kStep1}, {200, "oops"}, {200, kStep2}, {200, "[]"}});
    CHECK(watch_deployment(marathon.client(), "d-1", settings, out, err) == kExitDone);
    std::string text = out.str();
    CHECK(text.starts_with("\rdeployment d-1: step 1 of 2 ("));
    CHECK(text.find("s)\x1b[K\n\rdeployment d-1: step 2 of 2 (") != std::string::npos);
    CHECK(text.find("s)\x1b[K\r\x1b[Kdeployment d-1 finished after ") != std::string::npos);
  }
  SUBCASE("still listed at the timeout") {
    settings.timeout = milliseconds(100);
    settings.poll_interval = milliseconds(10);
    ScriptedMarathon marathon({{200, kStep1}});
    auto start = std::chrono::steady_clock::now();
    CHECK(watch_deployment(marathon.client(), "d-1", settings, out, err) == kExitTimedOut);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
    CHECK(out.str().starts_with("deployment d-1: step 1 of 2 ("));
    CHECK(err.str() == "deployment d-1 still running after 0.1s; Marathon goes on with it\n");
  }
}

TEST_CASE("skylr::progress_line") {
  CHECK(progress_line({"d-1", "v", {"/web"}, 2, 3}, milliseconds(12345)) ==
        "deployment d-1: step 2 of 3 (12.3s)");
  CHECK(progress_line({"d-1", "", {}, 0, 0}, milliseconds(0)) == "deployment d-1: step ? of ? (0.0s)");
}

}  // namespace skylr
