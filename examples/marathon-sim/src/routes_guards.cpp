// Routes: what applies to every request — basic auth, the leader (a standby's forwarded
// requests pass without one), common headers.
#include "routes.h"

namespace skylr::sim {
namespace {

std::string base64(std::string_view text) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 3) {
    std::uint32_t chunk = static_cast<unsigned char>(text[i]) << 16;
    if (i + 1 < text.size()) chunk |= static_cast<unsigned char>(text[i + 1]) << 8;
    if (i + 2 < text.size()) chunk |= static_cast<unsigned char>(text[i + 2]);
    for (std::size_t j = 0; j < 4; ++j) {
      out += i + j <= text.size() ? kAlphabet[(chunk >> (18 - 6 * j)) & 0x3f] : '=';
    }
  }
  return out;
}

bool authorized(const RouteContext& context, const httplib::Request& req) {
  if (context.options.credentials.empty() || req.path == "/ping") return true;
  return req.get_header_value("Authorization") == "Basic " + base64(context.options.credentials);
}

httplib::Server::HandlerResponse guard(RouteContext& context, const httplib::Request& req,
                                       httplib::Response& res) {
  if (!authorized(context, req)) {
    res.set_header("WWW-Authenticate", "Basic realm=\"Mesosphere Marathon\"");
    reply_error(res, message_error(401, "Invalid username or password."));
    return httplib::Server::HandlerResponse::Handled;
  }
  bool needs_leader = req.path.starts_with("/v2/") && req.path != "/v2/leader";
  if (needs_leader && !context.leader_available && !req.has_header(kStandbyHeader)) {
    reply_error(res, message_error(503, "Could not determine the current leader"));
    return httplib::Server::HandlerResponse::Handled;
  }
  return httplib::Server::HandlerResponse::Unhandled;
}

}  // namespace

void add_guards(httplib::Server& server, RouteContext& context) {
  server.set_pre_routing_handler([&](const auto& req, auto& res) { return guard(context, req, res); });
  server.set_post_routing_handler([&](const auto&, auto& res) {
    if (context.leader_available) res.set_header("X-Marathon-Leader", context.leader_url);
  });
  server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    auto reason = res.status == 404 ? " Not Found" : "";
    reply_error(res, message_error(res.status, "HTTP " + std::to_string(res.status) + reason));
    return httplib::Server::HandlerResponse::Handled;
  }));
}

}  // namespace skylr::sim
