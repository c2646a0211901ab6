// SimState: the simulated Marathon cluster — apps, their tasks and the deployments that
// move tasks towards each app's target. Writes answer at once (a deployment id) and
// publish Marathon's events; advance(), called often by a background thread, ends the
// staging of tasks after the stage delay, replaces tasks of an old app config once the new
// ones run, and finishes deployments whose apps reached their target; it visits only the
// apps that writes left unsettled, so an idle cluster of any size costs it nothing.
// Renders answer JSON under the lock. Thread-safe (one mutex); events are published while
// holding it, so their order is the order of changes.
#pragma once

#include <rapidjson/document.h>

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api_error.h"
#include "app_query.h"
#include "event_sink.h"
#include "sim_types.h"
#include "task_launcher.h"

namespace skylr::sim {

// How an app write treats a missing or an existing app.
enum class WriteKind {
  kPut,    // PUT /v2/apps/{id}: updates the app, or creates it when missing
  kPatch,  // PATCH /v2/apps/{id}: updates the app; 404 when missing
  kPost,   // POST /v2/apps: creates the app; 409 when it exists; answers the new app
};

// A PUT, PATCH or POST of an app.
struct AppWrite {
  std::string app_id;                       // normalized, e.g. "/grp/web"
  const rapidjson::Value* body = nullptr;   // validated app object
  bool force = false;                       // ?force=true: override a deployment lock
  WriteKind kind = WriteKind::kPut;
  std::string client_ip;                    // for api_post_event
  std::string uri;
};

// What a successful write did.
struct WriteOutcome {
  bool created = false;       // a PUT or POST created the app
  std::string deployment_id;  // empty when the write started no deployment
  std::string body;  // the answer: {"deploymentId","version"}, the new app (POST), {"task"} or {"tasks"}
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

  // Updates or creates the app as write.kind says. Fails with 404 (PATCH of a missing app)
  // or 409 (POST of an existing app, or locked).
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

  // A version timestamp later than every earlier one.
  std::string next_version();
  // Gives a service port to each port of `definition` that has 0 (complete_ports): the next
  // from 10000 up that no app was given or asked for.
  void assign_service_ports(rapidjson::Document& definition);
  // Adds the app `app_id` from Marathon's defaults and `body`; no tasks yet.
  SimApp& create_app(const std::string& app_id, const rapidjson::Value& body);
  // Merges `body` into the app; a change beyond "instances" is a new config.
  void update_app(SimApp& app, const rapidjson::Value& body, std::string version);
  // Starts one staging task of the current config (status_update_event).
  void launch_task(SimApp& app);
  // Removes the task at `index` and stops it (status_update_event TASK_KILLED).
  void kill_task(SimApp& app, std::size_t index);
  // Makes a staging task running, with health results when checked.
  void promote(SimTask& task);
  // Launches or kills current-config tasks until they match "instances", and leaves the
  // app to advance() until its tasks run on the current config.
  void reconcile(SimApp& app);
  // Ends the due stagings and retires the old tasks of the app; true when it is settled
  // (every task running on the current config), so advance() can stop looking at it.
  bool advance_app(SimApp& app, std::chrono::steady_clock::time_point now);
  // Kills the tasks of older configs once every current one runs.
  void retire_old_tasks(SimApp& app);
  // True when the app is gone or runs exactly "instances" current-config tasks.
  bool settled(const std::string& app_id) const;
  // Records a scale-down of `app_ids` (after kills with scale) as one deployment.
  WriteOutcome start_scaling(const std::vector<std::string>& app_ids, std::string original);
  // Kills the known tasks of `task_ids`; with `scale`, lowers instances (409 when locked).
  ApiResult<Killed> kill_locked(const std::vector<std::string>& task_ids, bool scale, bool force);

  // The ids of the deployments with an action on `app_id`.
  std::vector<std::string> deployment_ids(const std::string& app_id) const;
  // 409 when a deployment affects one of `app_ids`; with `force` cancels those instead.
  std::optional<ApiError> check_lock(const std::vector<std::string>& app_ids, bool force);
  // Adds a deployment and publishes deployment_info for its first step.
  const SimDeployment& start_deployment(std::vector<std::vector<DeploymentAction>> steps, std::string version,
                                        std::string original, std::string target);
  // The root group JSON of the existing apps among `app_ids`.
  std::string group_of(const std::vector<std::string>& app_ids) const;
  // Completes finished steps and deployments, publishing their events.
  void progress_deployments();
  // True when every action of `step` reached its target.
  bool step_done(const std::vector<DeploymentAction>& step) const;

  EventSink& events_;
  TaskLauncher& launcher_;
  const std::chrono::milliseconds stage_delay_;
  mutable std::mutex mutex_;
  std::map<std::string, SimApp> apps_;
  std::set<std::string> unsettled_;  // apps advance() looks at: staging or old-config tasks
  std::vector<SimDeployment> deployments_;
  std::chrono::system_clock::time_point last_version_;
  int next_service_port_ = 10000;
  std::set<int> requested_service_ports_;  // the non-zero service ports of app definitions so far
};

}  // namespace skylr::sim
