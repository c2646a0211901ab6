// Following a Marathon deployment until it is gone (`skylrctl push-job --wait`): polls
// `GET /v2/deployments` and shows its progress, rewriting one line in place on a
// terminal and printing a line per change of step otherwise (logs of CI jobs); then asks
// `GET /v2/apps/{id}` whether the update took effect or another one replaced it.
#pragma once

#include <chrono>
#include <ostream>
#include <string>

#include "marathon/deployment.h"
#include "skylr/marathon_client.h"

namespace skylr {

// The update whose deployment is followed, as Marathon answered the push.
struct PushedUpdate {
  std::string app_id;         // "/web"
  std::string deployment_id;  // Marathon's deploymentId
  std::string version;        // Marathon's version of the update; empty: not checked
};

// How long to follow and how to show it.
struct WatchSettings {
  std::chrono::milliseconds timeout{std::chrono::seconds(300)};
  std::chrono::milliseconds poll_interval{std::chrono::seconds(1)};
  bool in_place = false;  // rewrite the progress line (the output is a terminal)
};

// "deployment <id>: step 2 of 3 (12.3s)"; "?" for the steps Marathon did not give.
std::string progress_line(const marathon::Deployment& deployment, std::chrono::milliseconds elapsed);

// Polls until Marathon no longer lists the update's deployment. When the app's versions
// show the update in effect, prints "deployment <id> finished after 12.3s" and returns
// kExitDone; when a later update replaced it (a forced push, a rollback), says so on `err`
// and returns kExitError. After settings.timeout prints why to `err` and returns
// kExitTimedOut (Marathon goes on with the deployment). A failed poll is reported on
// `err` once per distinct error and retried until the timeout.
int watch_deployment(MarathonClient& marathon, const PushedUpdate& update, const WatchSettings& settings,
                     std::ostream& out, std::ostream& err);

}  // namespace skylr
