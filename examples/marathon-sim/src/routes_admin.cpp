// Routes: /ping, /v2/leader and the simulator-only controls under /_sim/.
#include <fmt/format.h>

#include "routes.h"

namespace skylr::sim {
namespace {

void set_leader(RouteContext& context, const httplib::Request& req, httplib::Response& res) {
  bool available = flag_param(req, "available");
  context.leader_available = available;
  if (!available) context.bus.close_streams();
  reply_json(res, 200, fmt::format(R"({{"leaderAvailable":{}}})", available));
}

void set_health(RouteContext& context, const httplib::Request& req, httplib::Response& res) {
  auto error = context.state.set_task_health(req.matches[1].str(), req.matches[2].str() == "healthy");
  if (error) return reply_error(res, *error);
  reply_json(res, 200, "{}");
}

void set_apps_fault(RouteContext& context, const httplib::Request& req, httplib::Response& res) {
  auto error = context.apps_fault.set(req.get_param_value("fault"), req.get_param_value("app"),
                                      req.get_param_value("times"));
  if (error) return reply_error(res, *error);
  reply_json(res, 200, "{}");
}

}  // namespace

void add_admin_routes(httplib::Server& server, RouteContext& context) {
  server.Get("/ping", [](const auto&, auto& res) { res.set_content("pong", "text/plain"); });
  server.Get("/v2/leader", [&](const auto&, auto& res) {
    if (!context.leader_available) return reply_error(res, message_error(404, "There is no leader"));
    auto address = context.leader_url.substr(context.leader_url.find("://") + 3);
    reply_json(res, 200, fmt::format(R"({{"leader":"{}"}})", address));
  });
  server.Post("/_sim/leader", [&](const auto& req, auto& res) { set_leader(context, req, res); });
  server.Post("/_sim/events/stream/close", [&](const auto&, auto& res) {
    context.bus.close_streams();
    reply_json(res, 200, "{}");
  });
  server.Post("/_sim/answers/apps", [&](const auto& req, auto& res) { set_apps_fault(context, req, res); });
  server.Post("/_sim/tasks/([^/]+)/(unhealthy|healthy)",
              [&](const auto& req, auto& res) { set_health(context, req, res); });
}

}  // namespace skylr::sim
