// The app fields skylrd can check in a job update, each with the JSON type and range it
// accepts. Pure.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <vector>

#include "skylr/result.h"
#include "util/json_path.h"

namespace skylr::config {

// True when skylrd knows how to check the field `name`.
bool is_known_update_field(std::string_view name);

// Success when `value`, at `path`, is acceptable for the known field `name` (any value of
// an unknown field passes: authorisation refuses it); else `<path>: expected <what>, got <value>`.
Status check_field_value(std::string_view name, const rapidjson::Value& value, const util::JsonPath& path);

// The fields whose values skylrd can check: instances, cpus, mem, disk, gpus.
const std::vector<std::string>& known_update_fields();

// Success when every name of `fields` (job_updates.fields) is a known field; else
// `job_updates.fields: "cmd" cannot be allowed; skylrd checks only <known fields>`.
Status check_update_fields(const std::vector<std::string>& fields);

}  // namespace skylr::config
