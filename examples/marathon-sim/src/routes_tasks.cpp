// Routes: tasks — listing and killing.
#include <rapidjson/document.h>

#include "routes.h"

namespace skylr::sim {
namespace {

std::optional<TaskState> status_filter(const httplib::Request& req) {
  auto status = req.get_param_value("status");
  if (status == "running") return TaskState::kRunning;
  if (status == "staging") return TaskState::kStaging;
  return std::nullopt;
}

// The "ids" of a POST /v2/tasks/delete body, or its 400 answer.
ApiResult<std::vector<std::string>> task_ids(const std::string& body) {
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  if (document.HasParseError() || !document.IsObject()) {
    return details_error(400, "Invalid JSON", {{"/", {"error.expected.jsobject"}}});
  }
  auto ids = document.FindMember("ids");
  if (ids == document.MemberEnd()) return details_error(400, "Invalid JSON", {{"/ids", {"error.path.missing"}}});
  if (!ids->value.IsArray()) return details_error(400, "Invalid JSON", {{"/ids", {"error.expected.jsarray"}}});
  std::vector<std::string> out;
  for (const auto& id : ids->value.GetArray()) {
    if (!id.IsString()) {
      return details_error(400, "Invalid JSON", {{"/ids(" + std::to_string(out.size()) + ")", {"error.expected.jsstring"}}});
    }
    out.emplace_back(id.GetString(), id.GetStringLength());
  }
  return out;
}

void delete_tasks(RouteContext& context, const httplib::Request& req, httplib::Response& res) {
  auto ids = task_ids(req.body);
  if (auto* error = std::get_if<ApiError>(&ids)) return reply_error(res, *error);
  reply_write(res, context.state.kill_tasks(std::get<0>(ids), flag_param(req, "scale"), flag_param(req, "force")), "");
}

void kill_app_tasks(RouteContext& context, const httplib::Request& req, httplib::Response& res) {
  std::optional<std::string> task_id;
  if (req.matches.size() > 2) task_id = req.matches[2].str();
  auto result = context.state.kill_app_tasks(path_app_id(req.matches[1].str()), task_id,
                                             flag_param(req, "scale"), flag_param(req, "force"));
  reply_write(res, result, "");
}

}  // namespace

void add_task_routes(httplib::Server& server, RouteContext& context) {
  server.Get("/v2/tasks/?", [&](const auto& req, auto& res) {
    reply_json(res, 200, context.state.tasks_json(status_filter(req)));
  });
  server.Post("/v2/tasks/delete", [&](const auto& req, auto& res) { delete_tasks(context, req, res); });
  server.Get("/v2/apps/(.+)/tasks/?", [&](const auto& req, auto& res) {
    reply_result(res, context.state.app_tasks_json(path_app_id(req.matches[1].str())));
  });
  server.Delete("/v2/apps/(.+)/tasks/([^/]+)", [&](const auto& req, auto& res) { kill_app_tasks(context, req, res); });
  server.Delete("/v2/apps/(.+)/tasks/?", [&](const auto& req, auto& res) { kill_app_tasks(context, req, res); });
}

}  // namespace skylr::sim
