// Routes: the event stream (GET /v2/events) and HTTP callback subscriptions.
#include "event_json.h"
#include "json_out.h"
#include "routes.h"

namespace skylr::sim {
namespace {

void get_events(RouteContext& context, const httplib::Request& req, httplib::Response& res) {
  if (req.get_header_value("Accept").find("text/event-stream") == std::string::npos) {
    return reply_error(res, message_error(405, "HTTP 405 Method Not Allowed"));
  }
  if (context.stopping) return reply_error(res, message_error(503, "marathon-sim is stopping"));
  auto stream = context.bus.attach(param_values(req, "event_type"), req.remote_addr);
  auto heartbeat = std::chrono::milliseconds(context.options.heartbeat_ms);
  res.set_header("Connection", "close");
  res.set_chunked_content_provider(
      "text/event-stream;charset=UTF-8",
      [stream, heartbeat](std::size_t, httplib::DataSink& sink) {
        auto bytes = stream->next(heartbeat);
        if (!bytes) {
          sink.done();
          return true;
        }
        return sink.write(bytes->data(), bytes->size());
      },
      [stream](bool) { stream->close(); });
}

void subscription(RouteContext& context, const httplib::Request& req, httplib::Response& res, bool subscribe) {
  auto url = req.get_param_value("callbackUrl");
  if (url.empty()) return reply_error(res, message_error(400, "Missing query parameter callbackUrl"));
  const char* type = subscribe ? "subscribe_event" : "unsubscribe_event";
  auto event = subscription_event(type, url, req.remote_addr);
  if (subscribe) {
    context.bus.subscribe(url);
  } else {
    context.bus.unsubscribe(url);
  }
  context.bus.publish(type, event);
  reply_json(res, 200, event);
}

}  // namespace

void add_event_routes(httplib::Server& server, RouteContext& context) {
  server.Get("/v2/events/?", [&](const auto& req, auto& res) { get_events(context, req, res); });
  server.Post("/v2/eventSubscriptions/?", [&](const auto& req, auto& res) { subscription(context, req, res, true); });
  server.Delete("/v2/eventSubscriptions/?",
                [&](const auto& req, auto& res) { subscription(context, req, res, false); });
  server.Get("/v2/eventSubscriptions/?", [&](const auto&, auto& res) {
    reply_json(res, 200, write_json([&](JsonWriter& out) {
                 out.StartObject();
                 out.Key("callbackUrls");
                 write_strings(out, context.bus.callback_urls());
                 out.EndObject();
               }));
  });
}

}  // namespace skylr::sim
