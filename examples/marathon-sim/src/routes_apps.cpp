// Routes: apps and deployments.
#include "app_validation.h"
#include "routes.h"

namespace skylr::sim {
namespace {

void get_apps(RouteContext& context, const httplib::Request& req, httplib::Response& res) {
  AppFilter filter{req.get_param_value("id"), req.get_param_value("cmd"), {}};
  if (req.has_param("label")) {
    auto label = req.get_param_value("label");
    auto terms = parse_label_selector(label);
    if (!terms) return reply_error(res, message_error(400, "Invalid label selector: " + label));
    filter.labels = std::move(*terms);
  }
  std::string answer = context.state.apps_json(resolve_embeds(param_values(req, "embed")), filter);
  reply_json(res, 200, context.apps_fault.apply(std::move(answer)));
}

// PUT or PATCH /v2/apps/{id}, or POST /v2/apps (the id in the body).
void write_app(RouteContext& context, const httplib::Request& req, httplib::Response& res, WriteKind kind) {
  auto body = parse_app_json(req.body);
  if (auto* error = std::get_if<ApiError>(&body)) return reply_error(res, *error);
  const auto& app = std::get<rapidjson::Document>(body);
  auto id = kind == WriteKind::kPost ? required_app_id(app) : normalize_app_id(req.matches[1].str());
  if (auto* error = std::get_if<ApiError>(&id)) return reply_error(res, *error);
  AppWrite write{std::get<std::string>(id), &app, flag_param(req, "force"), kind, req.remote_addr, req.path};
  reply_write(res, context.state.put_app(write), context.leader_url + "/v2/apps" + write.app_id);
}

}  // namespace

void add_app_routes(httplib::Server& server, RouteContext& context) {
  server.Get("/v2/apps/?", [&](const auto& req, auto& res) { get_apps(context, req, res); });
  server.Get("/v2/apps/(.+)", [&](const auto& req, auto& res) {
    reply_result(res, context.state.app_json(path_app_id(req.matches[1].str())));
  });
  server.Post("/v2/apps/?", [&](const auto& req, auto& res) { write_app(context, req, res, WriteKind::kPost); });
  server.Put("/v2/apps/(.+)", [&](const auto& req, auto& res) { write_app(context, req, res, WriteKind::kPut); });
  server.Patch("/v2/apps/(.+)", [&](const auto& req, auto& res) { write_app(context, req, res, WriteKind::kPatch); });
  server.Delete("/v2/apps/(.+)", [&](const auto& req, auto& res) {
    reply_write(res, context.state.delete_app(path_app_id(req.matches[1].str()), flag_param(req, "force")), "");
  });
  server.Get("/v2/deployments/?", [&](const auto&, auto& res) {
    reply_json(res, 200, context.state.deployments_json());
  });
}

}  // namespace skylr::sim
