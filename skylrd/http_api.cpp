#include "http_api.h"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>
#include <set>

#include "event_intake.h"
#include "http_workers.h"
#include "log.h"
#include "status_page.h"

namespace skylr {
namespace {

constexpr const char* kJson = "application/json";

// The methods each known path answers; anything else on these paths is a 405.
const std::map<std::string, std::set<std::string>>& allowed_methods() {
  static const std::map<std::string, std::set<std::string>> table = {
      {"/marathon", {"POST"}},
      {"/health", {"GET", "HEAD"}},
      {"/metrics", {"GET", "HEAD"}},
      {"/status", {"GET", "HEAD"}},
      {"/", {"GET", "HEAD"}},
      {"/updateApp", {"POST"}},
      {"/apps/*", {"PUT"}},
  };
  return table;
}

httplib::Server::HandlerResponse reject_wrong_method(const httplib::Request& request,
                                                     httplib::Response& response) {
  auto known = allowed_methods().find(request.path.starts_with("/apps/") ? "/apps/*" : request.path);
  if (known == allowed_methods().end() || known->second.count(request.method) > 0) {
    return httplib::Server::HandlerResponse::Unhandled;
  }
  std::string allow;
  for (const std::string& method : known->second) allow += (allow.empty() ? "" : ", ") + method;
  response.status = 405;
  response.set_header("Allow", allow);
  response.set_content(json_message(fmt::format("{} does not accept {}", request.path, request.method)), kJson);
  return httplib::Server::HandlerResponse::Handled;
}

// Runs before httplib reads a body: refuses a chunked (or otherwise transfer-encoded)
// body, which httplib would read whole whatever payload_max_length says (411), then
// methods a known path does not answer (405).
httplib::Server::HandlerResponse screen_request(const httplib::Request& request,
                                                httplib::Response& response) {
  if (!request.has_header("Transfer-Encoding")) return reject_wrong_method(request, response);
  response.status = 411;
  response.set_header("Connection", "close");
  response.set_content(json_message("send the body with a Content-Length: chunked bodies are not accepted"),
                       kJson);
  return httplib::Server::HandlerResponse::Handled;
}

void receive_callback(const HttpApiContext& context, const httplib::Request& request,
                      httplib::Response& response) {
  if (!context.marathon_peers->allows(request.remote_addr)) {
    log_line(LogLevel::kWarning,
             fmt::format("callback: refused from {}: not a marathon_hosts address", request.remote_addr));
    response.status = 403;
    response.set_content(json_message("only Marathon (an address of marathon_hosts) may post events"), kJson);
    return;
  }
  auto event = take_event(request.body, "callback", *context.config->get(), *context.notifications,
                          *context.metrics);
  if (!event) {
    response.status = 400;
    response.set_content(json_message("malformed event: " + event.error().message), kJson);
    return;
  }
  response.set_content(R"({"accepted":true})", kJson);
}

// GET /: the status page, or only its main part for ?view=main (what the page's script
// fetches). Inline style and script only, everything else from skylrd itself.
void serve_status_page(const StatusBoard& board, const httplib::Request& request, httplib::Response& response) {
  protocol::SkylrdStatus status = board.status();
  Health health = board.health();
  bool main_only = request.get_param_value("view") == "main";
  response.set_header("Cache-Control", "no-store");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Content-Security-Policy",
                      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; "
                      "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  response.set_content(main_only ? status_page_main(status, health) : status_page(status, health),
                       "text/html; charset=utf-8");
}

}  // namespace

std::string json_message(std::string_view message) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
  json.StartObject();
  json.Key("message");
  json.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
  json.EndObject();
  return buffer.GetString();
}

void install_http_api(httplib::Server& server, const HttpApiContext& context) {
  server.set_payload_max_length(kMaxRequestBody);
  // Newest connection first, and idle ones closed after 2 s: a flood of connections
  // cannot keep /health and Marathon's callbacks waiting (http_workers.h).
  server.new_task_queue = [] { return new HttpWorkers(kHttpWorkerThreads); };
  server.set_keep_alive_timeout(2);
  server.set_read_timeout(5, 0);
  server.set_write_timeout(5, 0);
  server.set_keep_alive_max_count(100);
  // Answers go out as headers then body; with Nagle's algorithm the body waits for the
  // caller's delayed ACK (~40 ms per callback on a kept-alive connection).
  server.set_tcp_nodelay(true);
  server.set_pre_routing_handler(screen_request);
  server.Post("/marathon", [context](const httplib::Request& request, httplib::Response& response) {
    receive_callback(context, request, response);
  });
  server.Get("/health", [context](const httplib::Request&, httplib::Response& response) {
    response.status = context.board->health().ok ? 200 : 503;
    response.set_content(context.board->health_json(), kJson);
  });
  server.Get("/metrics", [context](const httplib::Request&, httplib::Response& response) {
    response.set_content(context.metrics->render_prometheus(), "text/plain; version=0.0.4");
  });
  server.Get("/status", [context](const httplib::Request&, httplib::Response& response) {
    response.set_content(context.board->status_json(), kJson);
  });
  server.Get("/", [context](const httplib::Request& request, httplib::Response& response) {
    serve_status_page(*context.board, request, response);
  });
  if (context.marathon != nullptr) {
    install_job_update_api(server, {context.config, context.marathon, context.audit});
  }
  server.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
    if (!response.body.empty()) return;
    std::string message = response.status == 404 ? fmt::format("no such endpoint: {}", request.path)
                          : response.status == 413 ? fmt::format("request body over {} bytes", kMaxRequestBody)
                                                   : fmt::format("HTTP {}", response.status);
    response.set_content(json_message(message), kJson);
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
    response.status = 500;
    response.set_content(json_message("internal error"), kJson);
  });
}

}  // namespace skylr
