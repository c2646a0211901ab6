// Builders of config and Marathon values for the model, render and golden tests.
#pragma once

#include <string>
#include <vector>

#include "skylr/config.h"
#include "skylr/marathon.h"

namespace skylr {

// An HTTP service `name` for the Marathon app "/<name>", listening on `port`.
inline ServiceConfig make_service(const std::string& name, int port) {
  ServiceConfig service;
  service.name = name;
  service.app_id = "/" + name;
  service.port = port;
  return service;
}

// A config of `services`.
inline Config make_config(std::vector<ServiceConfig> services) {
  Config config;
  for (auto& service : services) config.services[service.name] = std::move(service);
  return config;
}

// A running, started task `id` on `host` with host ports `ports`.
inline Task make_task(const std::string& id, const std::string& host, std::vector<int> ports) {
  Task task;
  task.id = id;
  task.host = host;
  task.ports = std::move(ports);
  task.state = "TASK_RUNNING";
  task.started = true;
  return task;
}

// App `id` with `tasks`, as many instances as tasks.
inline App make_app(const std::string& id, std::vector<Task> tasks) {
  App app;
  app.id = id;
  app.instances = static_cast<int>(tasks.size());
  app.tasks = std::move(tasks);
  return app;
}

}  // namespace skylr
