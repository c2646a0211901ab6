// ApiError: an error answer of the Marathon API, a status code and its JSON body, e.g.
// 404 {"message":"App '/x' does not exist"} or 422 {"message":"Object is not valid",
// "details":[{"path":"/instances","errors":["got -1, expected 0 or more"]}]}.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace skylr::sim {

struct ApiError {
  int status = 500;
  std::string body;  // JSON text
};

// One entry of "details": a JSON path such as "/portDefinitions(0)/port" and its errors.
struct ErrorDetail {
  std::string path;
  std::vector<std::string> errors;
};

// Either a value or the error answer to send instead.
template <typename T>
using ApiResult = std::variant<T, ApiError>;

// {"message": message} with `status`.
ApiError message_error(int status, std::string_view message);

// {"message": message, "details": [{"path", "errors"}...]} with `status`.
ApiError details_error(int status, std::string_view message, const std::vector<ErrorDetail>& details);

// 404 "App '<id>' does not exist".
ApiError app_not_found(std::string_view app_id);

// 409 "An app with id [<id>] already exists.".
ApiError app_exists(std::string_view app_id);

// 404 "Task '<id>' does not exist".
ApiError task_not_found(std::string_view task_id);

}  // namespace skylr::sim
