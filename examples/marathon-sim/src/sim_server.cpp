#include "sim_server.h"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "routes.h"

namespace skylr::sim {
namespace {

constexpr auto kTickInterval = std::chrono::milliseconds(10);
constexpr std::size_t kHttpThreads = 64;  // each open event stream holds one
constexpr std::size_t kMaxBody = 8 << 20;   // request bodies beyond 8 MiB answer 413

}  // namespace

SimServer::SimServer(SimOptions options)
    : options_(std::move(options)),
      launcher_(options_.launch, std::chrono::milliseconds(options_.kill_grace_ms)),
      state_(bus_, launcher_, std::chrono::milliseconds(options_.stage_ms)),
      context_{state_, bus_, options_, {true}, {false}, {}, {}},
      ticker_([this] { tick_loop(); }) {
  http_.new_task_queue = [] { return new httplib::ThreadPool(kHttpThreads); };
  http_.set_keep_alive_timeout(2);
  http_.set_payload_max_length(kMaxBody);
  add_guards(http_, context_);
  add_admin_routes(http_, context_);
  add_event_routes(http_, context_);
  add_task_routes(http_, context_);
  add_app_routes(http_, context_);
}

SimServer::~SimServer() {
  stop();
  {
    std::lock_guard lock(tick_mutex_);
    ticking_ = false;
  }
  tick_stop_.notify_all();
  ticker_.join();
}

void SimServer::tick_loop() {
  std::unique_lock lock(tick_mutex_);
  while (!tick_stop_.wait_for(lock, kTickInterval, [this] { return !ticking_; })) {
    lock.unlock();
    state_.advance();
    launcher_.reap();
    lock.lock();
  }
}

Status SimServer::load_apps(std::string_view json, std::string_view what) {
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  if (document.HasParseError()) {
    return Error{fmt::format("{}: invalid JSON at offset {}: {}", what, document.GetErrorOffset(),
                             rapidjson::GetParseError_En(document.GetParseError()))};
  }
  if (!document.IsObject() || !document.HasMember("apps")) {
    return Error{fmt::format("{}: expected an object {{\"apps\":[...]}}", what)};
  }
  if (auto error = state_.load_apps(document["apps"])) return Error{fmt::format("{}: {}", what, error->body)};
  return {};
}

Result<int> SimServer::bind() {
  if (auto status = check_options(options_); !status) return status.error();
  int port = options_.port;
  if (port == 0) {
    port = http_.bind_to_any_port(options_.host);
  } else if (!http_.bind_to_port(options_.host, port)) {
    port = -1;
  }
  if (port <= 0) return Error{fmt::format("cannot listen on {}:{}", options_.host, options_.port)};
  bool ipv6 = options_.host.find(':') != std::string::npos;
  address_ = ipv6 ? fmt::format("[{}]:{}", options_.host, port) : fmt::format("{}:{}", options_.host, port);
  context_.leader_url = "http://" + address_;
  return port;
}

const std::string& SimServer::address() const { return address_; }

bool SimServer::listen() { return http_.listen_after_bind(); }

void SimServer::stop() {
  context_.stopping = true;
  bus_.close_streams();
  http_.stop();
  bus_.close_streams();
}

bool SimServer::is_running() const { return http_.is_running(); }

}  // namespace skylr::sim
