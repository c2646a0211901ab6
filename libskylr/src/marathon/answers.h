// The reference readers of Marathon's app and task answers: a schema-filtered document
// (marathon/filter.h), then checked reads that name the JSON path of the first bad value.
// parse_apps, parse_apps_with_tasks, parse_app, parse_app_with_tasks and parse_tasks try
// the fast path (marathon/fast_parse.h) first and call these when it declines; tests call
// them directly to compare both paths.
#pragma once

#include <string_view>
#include <vector>

#include "skylr/marathon.h"
#include "skylr/result.h"

namespace skylr::marathon {

// `{"apps":[...]}` read through a document; the errors of parse_apps.
Result<std::vector<App>> read_apps_answer(std::string_view body);

// `{"apps":[...]}` of an answer that embeds apps.tasks, read through a document app by
// app; the values and errors of parse_apps_with_tasks.
Result<std::vector<App>> read_apps_with_tasks_answer(std::string_view body);

// `{"app":{...}}` read through a document; the errors of parse_app.
Result<App> read_app_answer(std::string_view body);

// `{"app":{...}}` of an answer that embeds app.tasks, read through a document; the values
// and errors of parse_app_with_tasks.
Result<App> read_app_with_tasks_answer(std::string_view body);

// `{"tasks":[...]}` read through a document; the errors of parse_tasks.
Result<std::vector<Task>> read_tasks_answer(std::string_view body);

}  // namespace skylr::marathon
