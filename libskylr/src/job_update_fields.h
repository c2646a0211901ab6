// The app fields skylrd can check in a job update, each with the JSON type and range it
// accepts. Pure.
#pragma once

#include <rapidjson/document.h>

#include <string_view>

#include "json_path.h"
#include "skylr/result.h"

namespace skylr {

// True when skylrd knows how to check the field `name`.
bool is_known_update_field(std::string_view name);

// Success when `value`, at `path`, is acceptable for the known field `name` (any value of
// an unknown field passes: authorisation refuses it); else `<path>: expected <what>, got <value>`.
Status check_field_value(std::string_view name, const rapidjson::Value& value, const JsonPath& path);

}  // namespace skylr
