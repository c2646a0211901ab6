#include "route_util.h"

#include <algorithm>
#include <cctype>

#include "app_validation.h"

namespace skylr::sim {

void reply_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

void reply_error(httplib::Response& res, const ApiError& error) { reply_json(res, error.status, error.body); }

void reply_result(httplib::Response& res, const ApiResult<std::string>& result) {
  if (const auto* error = std::get_if<ApiError>(&result)) return reply_error(res, *error);
  reply_json(res, 200, std::get<std::string>(result));
}

void reply_write(httplib::Response& res, const ApiResult<WriteOutcome>& result, const std::string& location) {
  if (const auto* error = std::get_if<ApiError>(&result)) return reply_error(res, *error);
  const auto& done = std::get<WriteOutcome>(result);
  if (!done.deployment_id.empty()) res.set_header("Marathon-Deployment-Id", done.deployment_id);
  if (done.created) res.set_header("Location", location);
  reply_json(res, done.created ? 201 : 200, done.body);
}

bool flag_param(const httplib::Request& req, const char* name) {
  std::string value = req.get_param_value(name);
  std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
  return value == "true";
}

std::vector<std::string> param_values(const httplib::Request& req, const char* name) {
  std::vector<std::string> values;
  auto [begin, end] = req.params.equal_range(name);
  for (auto it = begin; it != end; ++it) values.push_back(it->second);
  return values;
}

std::string path_app_id(const std::string& raw) {
  auto id = normalize_app_id(raw);
  if (auto* normalized = std::get_if<std::string>(&id)) return *normalized;
  return "/" + raw;
}

}  // namespace skylr::sim
