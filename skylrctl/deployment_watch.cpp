#include "deployment_watch.h"

#include <fmt/format.h>

#include <thread>

#include "exit_codes.h"

namespace skylr {

using marathon::AppVersions;
using marathon::Deployment;
using marathon::parse_app_versions;
using marathon::parse_deployments;
using marathon::update_in_effect;

namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

std::string seconds(milliseconds elapsed) { return fmt::format("{:.1f}s", elapsed.count() / 1000.0); }

std::string step_number(int step) { return step > 0 ? std::to_string(step) : "?"; }

// One look at Marathon's deployments.
struct Sighting {
  bool listed = true;  // false once Marathon no longer lists the deployment
  Deployment deployment;
  std::string error;  // why the deployments could not be read
};

// The app's versions once the deployment is gone; an error when they could not be read.
Result<AppVersions> read_versions(MarathonClient& marathon, const std::string& app_id) {
  std::string target = "/v2/apps" + app_id;
  Result<HttpResponse> answer = marathon.get(target);
  if (!answer) return answer.error();
  if (answer->status != 200) {
    return Error{fmt::format("GET {}: Marathon answered HTTP {}", target, answer->status)};
  }
  Result<AppVersions> versions = parse_app_versions(answer->body);
  if (!versions) return Error{fmt::format("GET {}: {}", target, versions.error().message)};
  return versions;
}

// "version V (definition D, scaling S)", the versions that show what replaced an update.
std::string describe(const AppVersions& versions) {
  return fmt::format("version {} (definition {}, scaling {})", versions.version, versions.last_config_change_at,
                     versions.last_scaling_at);
}

Sighting look_for(MarathonClient& marathon, const std::string& id) {
  Result<HttpResponse> answer = marathon.get("/v2/deployments");
  if (!answer) return {true, {}, answer.error().message};
  if (answer->status != 200) {
    return {true, {}, fmt::format("GET /v2/deployments: Marathon answered HTTP {}", answer->status)};
  }
  Result<std::vector<Deployment>> deployments = parse_deployments(answer->body);
  if (!deployments) return {true, {}, deployments.error().message};
  const Deployment* found = find_deployment(*deployments, id);
  if (found == nullptr) return {false, {}, ""};
  return {true, *found, ""};
}

// The progress output: one line rewritten in place, or one line per change of step.
class ProgressLine {
 public:
  ProgressLine(std::ostream& out, bool in_place) : out_(out), in_place_(in_place) {}

  void show(const Deployment& deployment, milliseconds elapsed) {
    if (in_place_) {
      out_ << '\r' << progress_line(deployment, elapsed) << "\x1b[K" << std::flush;
      pending_ = true;
      return;
    }
    std::pair step{deployment.current_step, deployment.total_steps};
    if (step == last_step_) return;
    last_step_ = step;
    out_ << progress_line(deployment, elapsed) << '\n' << std::flush;
  }

  // Ends a line rewritten in place, so that other output starts on a fresh line.
  void interrupt() {
    if (pending_) out_ << '\n' << std::flush;
    pending_ = false;
  }

  // Clears a line rewritten in place, for the final message.
  void clear() {
    if (pending_) out_ << "\r\x1b[K";
    pending_ = false;
  }

 private:
  std::ostream& out_;
  bool in_place_;
  bool pending_ = false;  // a line without its newline is on the terminal
  std::pair<int, int> last_step_{-1, -1};
};

}  // namespace

std::string progress_line(const Deployment& deployment, milliseconds elapsed) {
  return fmt::format("deployment {}: step {} of {} ({})", deployment.id, step_number(deployment.current_step),
                     step_number(deployment.total_steps), seconds(elapsed));
}

int watch_deployment(MarathonClient& marathon, const PushedUpdate& update, const WatchSettings& settings,
                     std::ostream& out, std::ostream& err) {
  const std::string& id = update.deployment_id;
  auto start = SteadyClock::now();
  auto deadline = start + settings.timeout;
  ProgressLine progress(out, settings.in_place);
  std::string last_error;
  for (;;) {
    Sighting sighting = look_for(marathon, id);
    auto now = SteadyClock::now();
    auto elapsed = std::chrono::duration_cast<milliseconds>(now - start);
    auto finished = [&] {
      progress.clear();
      out << fmt::format("deployment {} finished after {}\n", id, seconds(elapsed));
      return kExitDone;
    };
    if (!sighting.listed && update.version.empty()) return finished();  // nothing to check it against
    if (!sighting.listed) {
      Result<AppVersions> versions = read_versions(marathon, update.app_id);
      if (!versions) {
        sighting.error = versions.error().message;
      } else if (update_in_effect(*versions, update.version)) {
        return finished();
      } else {
        progress.interrupt();
        err << fmt::format("deployment {} is gone after {}, but {} is at {}, not {}: another update replaced it\n",
                           id, seconds(elapsed), update.app_id, describe(*versions), update.version);
        return kExitError;
      }
    }
    if (sighting.error.empty()) {
      progress.show(sighting.deployment, elapsed);
    } else if (sighting.error != last_error) {
      progress.interrupt();
      err << fmt::format("cannot follow the deployment, retrying: {}\n", sighting.error);
    }
    last_error = sighting.error;
    if (now >= deadline) {
      progress.interrupt();
      err << fmt::format("deployment {} still running after {}; Marathon goes on with it\n", id,
                         seconds(settings.timeout));
      return kExitTimedOut;
    }
    std::this_thread::sleep_for(std::min<SteadyClock::duration>(settings.poll_interval, deadline - now));
  }
}

}  // namespace skylr
