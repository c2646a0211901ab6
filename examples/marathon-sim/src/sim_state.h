// SimState: the simulated Marathon cluster — apps, their tasks and the deployments that
// move tasks towards each app's target. Writes answer at once (a deployment id) and
// publish Marathon's events; advance(), called often by a background thread, ends the
// staging of tasks after the stage delay, replaces tasks of an old app config once the new
// ones run, and finishes deployments whose apps reached their target. Renders answer JSON
// under the lock. Thread-safe (one mutex); events are published while holding it, so
// their order is the order of changes.
#pragma once

#include <rapidjson/document.h>

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api_error.h"
#include "app_query.h"
#include "event_sink.h"
#include "sim_types.h"
#include "task_launcher.h"

namespace skylr::sim {

// A PUT or PATCH of an app.
struct AppWrite {
  std::string app_id;                       // normalized, e.g. "/grp/web"
  const rapidjson::Value* body = nullptr;   // validated app object
  bool force = false;                       // ?force=true: override a deployment lock
  bool may_create = true;                   // PUT creates missing apps, PATCH does not
  std::string client_ip;                    // for api_post_event
  std::string uri;
};

// What a successful write did.
struct WriteOutcome {
  bool created = false;       // a PUT created the app
  std::string deployment_id;  // empty when the write started no deployment
  std::string body;           // the answer: {"deploymentId","version"}, {"task"} or {"tasks"}
};

class SimState {
 public:
  // A cluster without apps whose tasks stage for `stage_delay` before running.
  SimState(EventSink& events, TaskLauncher& launcher, std::chrono::milliseconds stage_delay);

  SimState(const SimState&) = delete;
  SimState& operator=(const SimState&) = delete;

  // Adds the apps of the array `apps` with all their tasks running. Fails with the error
  // of the first invalid or duplicate app (nothing is added then).
  std::optional<ApiError> load_apps(const rapidjson::Value& apps);

  // {"apps":[...]} for the apps passing `filter`, with `embeds` plus counts and deployments.
  std::string apps_json(const Embeds& embeds, const AppFilter& filter) const;

  // {"app":{...}} with everything embedded, or 404.
  ApiResult<std::string> app_json(const std::string& app_id) const;

  // {"tasks":[...]} of one app, or 404.
  ApiResult<std::string> app_tasks_json(const std::string& app_id) const;

  // {"tasks":[...]} of every app, only those in `state` when given.
  std::string tasks_json(std::optional<TaskState> state) const;

  // [deployment...] of the running deployments, oldest first.
  std::string deployments_json() const;

  // Updates or creates the app. Fails with 404 (PATCH of a missing app) or 409 (locked).
  ApiResult<WriteOutcome> put_app(const AppWrite& write);

  // Removes the app and kills its tasks; the deployment result, or 404 / 409.
  ApiResult<WriteOutcome> delete_app(const std::string& app_id, bool force);

  // Kills one task of the app (`task_id`) or all of them; {"task":...} / {"tasks":[...]},
  // or with `scale` a deployment result. Fails with 404 (app or task) or 409.
  ApiResult<WriteOutcome> kill_app_tasks(const std::string& app_id, const std::optional<std::string>& task_id,
                                         bool scale, bool force);

  // Kills the tasks `task_ids` of any apps (unknown ids are skipped); {"tasks":[...]}, or
  // with `scale` a deployment result. Fails with 409 when an affected app is locked.
  ApiResult<WriteOutcome> kill_tasks(const std::vector<std::string>& task_ids, bool scale, bool force);

  // Sets the health of a running task of an app with health checks and publishes
  // health_status_changed_event when it changes. Fails with 404 or 409 (no health checks
  // or not running).
  std::optional<ApiError> set_task_health(const std::string& task_id, bool alive);

  // Ends due stagings, replaces tasks of old configs and finishes deployments.
  void advance();

 private:
  struct Killed {
    std::vector<SimTask> tasks;
    std::optional<WriteOutcome> deployment;  // with `scale`
  };

  std::string next_version();
  SimApp& create_app(const std::string& app_id, const rapidjson::Value& body);
  void update_app(SimApp& app, const rapidjson::Value& body, std::string version);
  void launch_task(SimApp& app);
  void kill_task(SimApp& app, std::size_t index);
  void promote(SimTask& task);
  void reconcile(SimApp& app);
  void retire_old_tasks(SimApp& app);
  bool settled(const std::string& app_id) const;
  ApiResult<Killed> kill_locked(const std::vector<std::string>& task_ids, bool scale, bool force);

  std::vector<std::string> deployment_ids(const std::string& app_id) const;
  std::optional<ApiError> check_lock(const std::vector<std::string>& app_ids, bool force);
  const SimDeployment& start_deployment(std::vector<std::vector<DeploymentAction>> steps, std::string version,
                                        std::string original, std::string target);
  std::string group_of(const std::vector<std::string>& app_ids) const;
  void progress_deployments();
  bool step_done(const std::vector<DeploymentAction>& step) const;

  EventSink& events_;
  TaskLauncher& launcher_;
  const std::chrono::milliseconds stage_delay_;
  mutable std::mutex mutex_;
  std::map<std::string, SimApp> apps_;
  std::vector<SimDeployment> deployments_;
  std::chrono::system_clock::time_point last_version_;
  int next_service_port_ = 10000;
};

}  // namespace skylr::sim
