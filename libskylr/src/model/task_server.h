// The per-task half of build_model: whether one Marathon task is a backend server of a
// service, and at which address. Kept apart from the per-service bookkeeping in model.cpp.
#pragma once

#include <optional>

#include "skylr/config.h"
#include "skylr/marathon.h"
#include "skylr/model.h"
#include "skylr/result.h"

namespace skylr::model {

// The server `task` of `app` provides for `service`; nullopt when the task is not running or
// Marathon's health checks report it dead (a normal lifecycle state, not a problem). Fails
// with a message naming the app and the task when the task should serve but cannot be
// rendered safely: no host, no port at the service's index, or an id or address that is not
// a safe HAProxy token.
Result<std::optional<Server>> task_server(const ServiceConfig& service, const App& app,
                                          const Task& task);

}  // namespace skylr::model
