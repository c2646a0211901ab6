// Marathon's apps and tasks as Skylr sees them, and parsers for the REST answers that
// carry them. Bodies come from the network and are untrusted: every parser checks each
// value it reads and fails with the JSON path of the first bad one, e.g.
// `apps[3].tasks[0].ports[1]: expected an integer 0-65535, got "x"` or
// `apps[0].id: required key is missing`. Fields Skylr does not use are ignored whatever
// their type; absent or null optional fields keep the defaults below.
// Both the Marathon 1.5+ shape and the older shape (`ports`, `ipAddress`,
// `container.docker.portMappings`) are read.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skylr/result.h"

namespace skylr {

// One IP address of an IP-per-task task.
struct TaskIpAddress {
  std::string address;
  std::string protocol;  // "IPv4" or "IPv6"
  bool operator==(const TaskIpAddress&) const = default;
};

// One Marathon task (an instance of an app on an agent).
struct Task {
  std::string id;       // "app.<uuid>"
  std::string app_id;   // may be empty when the body is embedded in its app
  std::string host;     // the agent's host name or IP
  std::vector<int> ports;  // host ports, one per port definition / mapping
  std::vector<TaskIpAddress> ip_addresses;
  std::optional<std::string> state;  // "TASK_RUNNING" etc.; absent on very old Marathon
  bool started = false;              // `startedAt` present
  std::vector<bool> health_alive;    // `alive` of each health check result
  bool operator==(const Task&) const = default;
};

// How an app's tasks are reached.
enum class Networking {
  kHost,       // task host + host ports
  kBridge,     // task host + host ports mapped to container ports
  kContainer,  // IP per task: task IP + container ports
};

// One of an app's Marathon health checks (`healthChecks[]`), with Marathon's defaults for
// absent fields.
struct AppHealthCheck {
  std::string protocol = "HTTP";  // as Marathon writes it: "HTTP", "HTTPS", "TCP", "MESOS_HTTP", "MESOS_HTTPS", "MESOS_TCP", "COMMAND", ...
  int port_index = 0;              // which of the app's ports it checks
  std::optional<int> port;         // a fixed port instead of port_index (`port`)
  std::string path = "/";          // HTTP(S) only
  int interval_seconds = 60;
  int timeout_seconds = 20;
  int max_consecutive_failures = 3;
  bool operator==(const AppHealthCheck&) const = default;
};

// One Marathon app with its tasks (when the answer embeds them).
struct App {
  std::string id;  // absolute, e.g. "/grp/app"
  int instances = 0;
  Networking networking = Networking::kHost;
  std::vector<int> container_ports;  // from portMappings / ipAddress.discovery, in order
  std::map<std::string, std::string> labels;
  std::vector<int> service_ports;  // the app's service ports, in port order: portDefinitions[].port, else the port mappings' servicePort, else the legacy `ports`; 0 where Marathon assigns none
  std::vector<AppHealthCheck> health_checks;  // in Marathon's order
  std::vector<Task> tasks;
  // Why Marathon's answer for this app could not be read whole (the JSON path and what is
  // wrong); empty when it was. Set only by parse_apps_with_tasks and parse_app_with_tasks,
  // which then leave every other field but `id` at its default.
  std::string malformed;
  bool operator==(const App&) const = default;
};

// Parses `GET /v2/apps` (with or without embed=apps.tasks): `{"apps":[...]}`.
Result<std::vector<App>> parse_apps(std::string_view body);

// Parses `GET /v2/apps?embed=apps.tasks` app by app: an app whose id can be read but
// not the rest of it (`tasks` missing or null, a member or a task of the wrong type or
// out of range) comes back with its id and `malformed` set to the error, e.g.
// `apps[2].tasks: missing or null, though the answer embeds apps.tasks`, instead of
// failing the whole answer. Fails like parse_apps on invalid JSON, a missing `apps`, or
// an app without a readable id.
Result<std::vector<App>> parse_apps_with_tasks(std::string_view body);

// Parses `GET /v2/apps/{id}`: `{"app":{...}}`.
Result<App> parse_app(std::string_view body);

// Parses `GET /v2/apps/{id}?embed=app.tasks` (`{"app":{...}}`) as parse_apps_with_tasks
// parses each app: an app whose id can be read but not the rest of it comes back with its
// id and `malformed` set, e.g. `app.tasks: missing or null, though the answer embeds
// app.tasks`. Fails like parse_app on invalid JSON, an `app` missing or not an object, or
// an app without a readable id (`app.id: required key is missing`).
Result<App> parse_app_with_tasks(std::string_view body);

// Parses `GET /v2/tasks` and `GET /v2/apps/{id}/tasks`: `{"tasks":[...]}`.
Result<std::vector<Task>> parse_tasks(std::string_view body);

// Makes a Marathon app id absolute and canonical: "skylr" -> "/skylr", "/a//b/" -> "/a/b".
std::string normalize_app_id(std::string_view id);

}  // namespace skylr
