// The service-to-backend model: for each configured service, the servers HAProxy should
// send its traffic to, derived from Marathon's apps. Pure: the same config and apps give
// the same model, whatever order Marathon answered in.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "skylr/config.h"
#include "skylr/marathon.h"

namespace skylr {

// One backend server: a running, healthy task at an address HAProxy can reach.
struct Server {
  std::string name;     // stable HAProxy server name derived from the task id
  std::string address;  // host name or IP literal (IPv6 without brackets)
  int port = 0;
  std::string task_id;
  bool operator==(const Server&) const = default;
};

// A service and the servers it routes to.
struct ServiceBackends {
  std::string service;        // the service's name in Config::services
  bool app_found = false;     // false: Marathon has no such app (the backend is empty)
  std::vector<Server> servers;  // sorted by name
  bool last_known = false;      // true: Marathon's answer for the app was malformed, and
                                // `servers` are the previous model's
  bool operator==(const ServiceBackends&) const = default;
};

// What a problem did to the model.
enum class ProblemKind {
  kTaskLeftOut,  // a task was left out; its app's other tasks are served
  kAppKept,      // the app's part of Marathon's answer was malformed: its servers are the last known
  kPortLeftOut,  // a port of the app is not published through its labels (skylr/discovery.h)
  kRouteShadowed,  // a virtual host and path of the app is routed to another service
  kCertificateMissing,  // the certificate the app's HAPROXY_{n}_SSL_CERT names is not served
};

// Something left out of the model, with the reason, for operators to see.
struct Problem {
  std::string app_id;
  std::string message;  // names the app (and task) and what is wrong
  ProblemKind kind = ProblemKind::kTaskLeftOut;
  bool operator==(const Problem&) const = default;
};

// The routing state for all configured services.
struct Model {
  std::vector<ServiceBackends> services;  // in Config::services order (sorted by name)
  std::vector<Problem> problems;          // tasks or apps left out, by app id, then task
  bool operator==(const Model&) const = default;
};

// Builds the model: a spare or retired service (label discovery) has no servers; every
// other service's servers are the matching app's tasks that run, are not
// reported dead by Marathon's health checks (unless the policy says to ignore them), and
// have an address and the needed port. A task whose host or IP could break out of its
// token in the HAProxy config is left out with a Problem naming the app and the task. A
// service whose app is `malformed` keeps its servers in `previous` (none when it has none
// there), with a kAppKept Problem saying why.
Model build_model(const Config& config, const std::vector<App>& apps, const Model& previous = {});

// The part of the model for the services that follow one of `app_ids`, from `apps`, what
// Marathon answered for those ids (an id without an app in `apps` is not found): exactly
// the services and problems build_model gives those services when `apps` are all of
// Marathon's apps with these ids. Costs what those services hold, not the cluster.
Model build_partial_model(const Config& config, const std::vector<App>& apps,
                          const std::set<std::string>& app_ids, const Model& previous = {});

// Adds `problems` to `model`'s, keeping them sorted by app id.
void add_problems(Model& model, std::vector<Problem> problems);

// Puts `part` (a build_partial_model of `app_ids`) into `model`: its services replace
// theirs, its problems replace those of `app_ids`. A model built whole from the same apps
// equals the result.
void merge_model(Model& model, const Model& part, const std::set<std::string>& app_ids);

}  // namespace skylr
