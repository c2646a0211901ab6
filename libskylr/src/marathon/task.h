// Reading Marathon task objects, shared by parse_tasks (`{"tasks":[...]}`) and the
// parsers of apps with embedded tasks.
#pragma once

#include <rapidjson/document.h>


#include "marathon/filter.h"
#include "skylr/marathon.h"
#include "skylr/result.h"
#include "util/json_path.h"

namespace skylr::marathon {

// What read_task reads of an array of tasks: the rest is dropped while parsing.
extern const JsonSchema kTaskArraySchema;

// Reads the task object `value` at `path` into `task`; fails with the JSON path of the first
// bad value (a missing or non-string `id`, a port outside 0-65535, ...).
Status read_task(const rapidjson::Value& value, const util::JsonPath& path, Task& task);

}  // namespace skylr::marathon
