#include "standby_server.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

#include "api_error.h"
#include "event_relay.h"
#include "route_util.h"

namespace skylr::sim {
namespace {

constexpr std::size_t kHttpThreads = 32;  // each relayed event stream holds one
constexpr auto kPrimaryTimeout = std::chrono::seconds(5);
constexpr auto kRelayPoll = std::chrono::milliseconds(200);

// Headers that describe one hop's connection or body, set anew on each hop.
bool hop_header(const std::string& name) {
  // httplib's server adds the REMOTE_/LOCAL_ pseudo-headers to every request.
  static constexpr std::array<std::string_view, 9> kHop = {
      "host",        "content-length", "connection", "transfer-encoding", "keep-alive",
      "remote_addr", "remote_port",    "local_addr", "local_port"};
  std::string lower(name.size(), ' ');
  std::transform(name.begin(), name.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::find(kHop.begin(), kHop.end(), lower) != kHop.end();
}

void unreachable(httplib::Response& res, const std::string& primary, httplib::Error error) {
  reply_error(res, message_error(503, fmt::format("marathon-sim standby: the primary {} cannot be reached ({})",
                                                  primary, httplib::to_string(error))));
}

}  // namespace

StandbyServer::StandbyServer(SimOptions options) : options_(std::move(options)) {
  std::size_t colon = options_.standby_of.rfind(':');
  primary_host_ = options_.standby_of.substr(0, colon);
  primary_port_ = colon == std::string::npos ? 0 : std::atoi(options_.standby_of.c_str() + colon + 1);
  http_.new_task_queue = [] { return new httplib::ThreadPool(kHttpThreads); };
  http_.set_keep_alive_timeout(2);
  http_.Get("/ping", [](const auto&, auto& res) { res.set_content("pong", "text/plain"); });
  http_.Get("/v2/leader", [this](const auto&, auto& res) { leader(res); });
  http_.Get("/v2/events/?", [this](const auto& req, auto& res) { relay_events(req, res); });
  auto forwarded = [this](const auto& req, auto& res) { forward(req, res); };
  http_.Get(".*", forwarded);
  http_.Post(".*", forwarded);
  http_.Put(".*", forwarded);
  http_.Patch(".*", forwarded);
  http_.Delete(".*", forwarded);
}

Result<int> StandbyServer::bind() {
  if (auto status = check_options(options_); !status) return status.error();
  int port = options_.port == 0 ? http_.bind_to_any_port(options_.host)
                                : (http_.bind_to_port(options_.host, options_.port) ? options_.port : -1);
  if (port <= 0) return Error{fmt::format("cannot listen on {}:{}", options_.host, options_.port)};
  bool ipv6 = options_.host.find(':') != std::string::npos;
  address_ = ipv6 ? fmt::format("[{}]:{}", options_.host, port) : fmt::format("{}:{}", options_.host, port);
  return port;
}

bool StandbyServer::listen() { return http_.listen_after_bind(); }

void StandbyServer::stop() { http_.stop(); }

httplib::Client StandbyServer::primary() const {
  httplib::Client client(primary_host_, primary_port_);
  client.set_connection_timeout(kPrimaryTimeout);
  client.set_read_timeout(kPrimaryTimeout);
  client.set_write_timeout(kPrimaryTimeout);
  return client;
}

httplib::Headers StandbyServer::upstream_headers(const httplib::Request& req) const {
  httplib::Headers headers;
  for (const auto& [name, value] : req.headers) {
    if (!hop_header(name)) headers.emplace(name, value);
  }
  headers.emplace(kStandbyHeader, address_);
  return headers;
}

void StandbyServer::forward(const httplib::Request& req, httplib::Response& res) {
  httplib::Request upstream;
  upstream.method = req.method;
  upstream.path = req.target;
  upstream.headers = upstream_headers(req);
  upstream.body = req.body;
  auto client = primary();
  auto answer = client.send(upstream);
  if (!answer) return unreachable(res, options_.standby_of, answer.error());
  res.status = answer->status;
  for (const auto& [name, value] : answer->headers) {
    if (!hop_header(name) && name != "Content-Type") res.set_header(name, value);
  }
  if (!res.has_header("X-Marathon-Leader")) res.set_header("X-Marathon-Leader", "http://" + address_);
  res.set_content(answer->body, answer->get_header_value("Content-Type"));
}

void StandbyServer::leader(httplib::Response& res) {
  auto client = primary();
  auto answer = client.Get("/v2/leader");
  if (answer && answer->status == 200) {
    reply_json(res, 200, answer->body);
  } else {
    reply_json(res, 200, fmt::format(R"({{"leader":"{}"}})", address_));
  }
  res.set_header("X-Marathon-Leader", answer && answer->status == 200
                                          ? answer->get_header_value("X-Marathon-Leader")
                                          : "http://" + address_);
}

void StandbyServer::relay_events(const httplib::Request& req, httplib::Response& res) {
  auto relay = std::make_shared<EventRelay>(primary_host_, primary_port_, req.target, upstream_headers(req));
  auto head = relay->wait_head(kPrimaryTimeout);
  if (!head) return unreachable(res, options_.standby_of, httplib::Error::Connection);
  res.status = head->status;
  if (head->status != 200) {
    res.set_content(relay->rest(kPrimaryTimeout), head->get_header_value("Content-Type"));
    return;
  }
  res.set_header("Connection", "close");
  res.set_header("X-Marathon-Leader", head->has_header("X-Marathon-Leader")
                                          ? head->get_header_value("X-Marathon-Leader")
                                          : "http://" + address_);
  res.set_chunked_content_provider(
      head->get_header_value("Content-Type"),
      [relay](std::size_t, httplib::DataSink& sink) {
        auto bytes = relay->next(kRelayPoll);
        if (!bytes) {
          sink.done();
          return true;
        }
        return bytes->empty() || sink.write(bytes->data(), bytes->size());
      },
      [relay](bool) { relay->close(); });
}

}  // namespace skylr::sim
