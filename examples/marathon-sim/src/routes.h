// The HTTP routes of the simulator, registered on a cpp-httplib server. httplib tries the
// routes of a method in registration order and has no path parameters, so app and task
// ids are regex groups and add_task_routes() must come before add_app_routes() (its
// /v2/apps/{id}/tasks... patterns are more specific than /v2/apps/{id}).
#pragma once

#include <httplib.h>

#include "route_util.h"

namespace skylr::sim {

// Basic auth, the 503 of a cluster without leader, the X-Marathon-Leader header and JSON
// bodies for unknown paths.
void add_guards(httplib::Server& server, RouteContext& context);

// GET /v2/tasks, POST /v2/tasks/delete, GET and DELETE /v2/apps/{id}/tasks[/{taskId}].
void add_task_routes(httplib::Server& server, RouteContext& context);

// GET and POST /v2/apps, GET/PUT/PATCH/DELETE /v2/apps/{id}, GET /v2/deployments.
void add_app_routes(httplib::Server& server, RouteContext& context);

// GET /v2/events (SSE) and /v2/eventSubscriptions (HTTP callbacks).
void add_event_routes(httplib::Server& server, RouteContext& context);

// GET /ping, GET /v2/leader and the simulator-only /_sim/ controls.
void add_admin_routes(httplib::Server& server, RouteContext& context);

}  // namespace skylr::sim
