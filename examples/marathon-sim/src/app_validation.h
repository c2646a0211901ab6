// Validation of app JSON sent to the simulator (PUT/PATCH bodies, the --apps file) with
// Marathon's error answers: 400 "Invalid JSON" for bodies that are not JSON or whose fields
// have the wrong JSON shape (a string where an object belongs), 422 "Object is not valid"
// for well-shaped values Marathon refuses (negative or fractional instances, a cpus string,
// an id with upper-case letters). Pure functions.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

#include "api_error.h"

namespace skylr::sim {

// The absolute form of an app id taken from a URL or a body: "web/" gives "/web". Fails
// with 422 at "/id" when a segment is not a valid Marathon path segment.
ApiResult<std::string> normalize_app_id(std::string_view raw);

// The normalized "id" of the app object `app`, which passed validate_app(). Fails with 422
// at "/id" (error.path.missing) when it has none.
ApiResult<std::string> required_app_id(const rapidjson::Value& app);

// `body` parsed as an app (update) object. Fails with 400 when it is not JSON or fields have
// the wrong shape, and 422 when values are out of range; details name every problem.
ApiResult<rapidjson::Document> parse_app_json(std::string_view body);

// The error answer for the app object `app`, as parse_app_json reports it, or nothing when
// `app` is valid.
std::optional<ApiError> validate_app(const rapidjson::Value& app);

}  // namespace skylr::sim
