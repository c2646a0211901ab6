// watch_deployment against a scripted Marathon: progress per step, failed polls reported
// once per distinct error and retried, the end (the update in effect or replaced), and the
// timeout.
#include "deployment_watch.h"

#include <doctest/doctest.h>

#include <mutex>
#include <sstream>
#include <vector>

#include "config/endpoint.h"
#include "exit_codes.h"
#include "skylr/httplib_client.h"
#include "test_server.h"

namespace skylr {

using config::parse_marathon_endpoint;

namespace {

using std::chrono::milliseconds;

using Script = std::vector<std::pair<int, std::string>>;

// A Marathon whose GET /v2/deployments and GET /v2/apps/web give the scripted answers in
// turn, the last one forever after.
class ScriptedMarathon {
 public:
  explicit ScriptedMarathon(Script deployments, Script app = {{404, "{}"}})
      : deployments_(std::move(deployments)),
        app_(std::move(app)),
        server_([this](httplib::Server& routes) {
          routes.Get("/v2/deployments", [this](const httplib::Request&, httplib::Response& response) {
            answer(deployments_, next_deployments_, response);
          });
          routes.Get("/v2/apps/web", [this](const httplib::Request&, httplib::Response& response) {
            answer(app_, next_app_, response);
          });
        }),
        client_({parse_marathon_endpoint(server_.origin()).value()}, std::nullopt, httplib_client()) {}

  MarathonClient& client() { return client_; }

 private:
  void answer(const Script& script, std::size_t& next, httplib::Response& response) {
    std::lock_guard lock(mutex_);
    const auto& [status, body] = script[std::min(next++, script.size() - 1)];
    response.status = status;
    response.set_content(body, "application/json");
  }

  std::mutex mutex_;
  Script deployments_;
  Script app_;
  std::size_t next_deployments_ = 0;
  std::size_t next_app_ = 0;
  testing::TestServer server_;
  MarathonClient client_;
};

constexpr const char* kStep1 = R"([{"id":"d-1","currentStep":1,"totalSteps":2},{"id":"other"}])";
constexpr const char* kStep2 = R"([{"id":"d-1","currentStep":2,"totalSteps":2}])";
// The update's deployment, without its version: the end is not checked against the app.
const PushedUpdate kUnversioned{"/web", "d-1", ""};

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
    CHECK(watch_deployment(marathon.client(), kUnversioned, settings, out, err) == kExitDone);
    std::string text = out.str();
    CHECK(text.starts_with("deployment d-1: step 1 of 2 ("));
    CHECK(text.find("s)\ndeployment d-1: step 2 of 2 (") != std::string::npos);
    CHECK(text.find("s)\ndeployment d-1 finished after ") != std::string::npos);
    CHECK(std::count(text.begin(), text.end(), '\n') == 3);
    CHECK(err.str() ==
          "cannot follow the deployment, retrying: GET /v2/deployments: invalid JSON at line 1, column "
          "1: "
          "Invalid value.\n"
          "cannot follow the deployment, retrying: GET /v2/deployments: Marathon answered HTTP 404\n");
  }
  SUBCASE("in place: the line is rewritten, ended before an error, cleared for the end") {
    settings.in_place = true;
    ScriptedMarathon marathon({{200, kStep1}, {200, "oops"}, {200, kStep2}, {200, "[]"}});
    CHECK(watch_deployment(marathon.client(), kUnversioned, settings, out, err) == kExitDone);
    std::string text = out.str();
    CHECK(text.starts_with("\rdeployment d-1: step 1 of 2 ("));
    CHECK(text.find("s)\x1b[K\n\rdeployment d-1: step 2 of 2 (") != std::string::npos);
    CHECK(text.find("s)\x1b[K\r\x1b[Kdeployment d-1 finished after ") != std::string::npos);
  }
  SUBCASE("gone, and the app shows the update in effect (scaled since): finished") {
    ScriptedMarathon marathon(
        {{200, kStep1}, {200, "[]"}},
        {{500, "{}"},
         {200, R"({"app":{"version":"v3","versionInfo":{"lastConfigChangeAt":"v2","lastScalingAt":"v3"}}})"}});
    CHECK(watch_deployment(marathon.client(), {"/web", "d-1", "v2"}, settings, out, err) == kExitDone);
    CHECK(out.str().find("deployment d-1 finished after ") != std::string::npos);
    CHECK(err.str().starts_with("cannot follow the deployment, retrying: no Marathon answered: "));
  }
  SUBCASE("gone, but a later update replaced it: an error naming the versions") {
    ScriptedMarathon marathon(
        {{200, "[]"}},
        {{200, R"({"app":{"version":"v4","versionInfo":{"lastConfigChangeAt":"v4","lastScalingAt":"v4"}}})"}});
    CHECK(watch_deployment(marathon.client(), {"/web", "d-1", "v2"}, settings, out, err) == kExitError);
    CHECK(out.str().empty());
    CHECK(err.str().starts_with("deployment d-1 is gone after "));
    CHECK(err.str().ends_with(", but /web is at version v4 (definition v4, scaling v4), not v2: another update "
                              "replaced it\n"));
  }
  SUBCASE("still listed at the timeout") {
    settings.timeout = milliseconds(100);
    settings.poll_interval = milliseconds(10);
    ScriptedMarathon marathon({{200, kStep1}});
    auto start = std::chrono::steady_clock::now();
    CHECK(watch_deployment(marathon.client(), kUnversioned, settings, out, err) == kExitTimedOut);
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
