// The fast path of the Marathon answer parsers: one SAX pass from the body straight into
// Apps and Tasks, with no document in between (on a 10,000-app answer it takes about two
// thirds of the time of the document path). It accepts a strict subset of what the
// reference readers (app.cpp, task.cpp, networking.cpp, health_check.cpp) accept
// and gives the same value for it; anything else (invalid JSON, a value of the wrong type
// or out of range, a missing required key, a repeated key that is read) makes it decline
// with nullopt, and the reference readers then parse the body and word the error. The
// differential tests and the apps fuzz target check that both paths agree.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "skylr/marathon.h"

namespace skylr::marathon {

// Whether every app of an answer must have a `tasks` member (not null).
enum class TasksMember { kOptional, kRequired };

// `GET /v2/apps` (`{"apps":[...]}`), or nullopt when the reference readers must decide;
// with kRequired also when an app's `tasks` is missing or null.
std::optional<std::vector<App>> fast_parse_apps(std::string_view body,
                                                TasksMember tasks = TasksMember::kOptional);

// `GET /v2/apps/{id}` (`{"app":{...}}`), or nullopt when the reference readers must decide;
// with kRequired also when the app's `tasks` is missing or null.
std::optional<App> fast_parse_app(std::string_view body, TasksMember tasks = TasksMember::kOptional);

// `GET /v2/tasks` (`{"tasks":[...]}`), or nullopt when the reference readers must decide.
std::optional<std::vector<Task>> fast_parse_tasks(std::string_view body);

}  // namespace skylr::marathon
