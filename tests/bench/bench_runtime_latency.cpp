// bench_runtime_latency: event-to-traffic latency of a scale-up, with Runtime API updates
// (skylr::Synchronizer) and with reloads (skylr::synchronize, which reloads on every
// change), against the real HAProxy that libskylr manages. The clock starts when the sync
// for the new Marathon state begins (the event has arrived; skylrd's coalescing delay and
// minimum interval are left out) and stops when a request through HAProxy first reaches
// the new task; a poller sends one request per fresh connection every half millisecond. Marathon is an
// in-memory stand-in answering GET /v2/apps; fetch, model, render, haproxy -c, the file
// write and the HAProxy work are all real.
#include <fcntl.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "processes.h"
#include "report.h"
#include "scratch.h"
#include "skylr/process_runner.h"
#include "sync/synchronizer.h"

namespace skylr::bench {

using apply::ConfigApplier;
using apply::apply_settings;
using haproxy::HaproxyControl;
using haproxy::RuntimeUpdater;
using haproxy::haproxy_process_settings;
using haproxy::make_managed_haproxy;
using sync::Synchronizer;
using sync::synchronize;
using testing::TempDir;
using testing::free_port;
using testing::haproxy_path;

namespace {

constexpr int kScaleUps = 40;
constexpr int kPool = 6;  // task servers, reused round the pool

// Marathon's GET /v2/apps answered from memory with whatever apps JSON was set last.
class MarathonStandIn final : public HttpClient {
 public:
  void set_apps(std::string json) {
    std::lock_guard lock(mutex_);
    apps_ = std::move(json);
  }
  Result<HttpResponse> send(const HttpRequest&) override {
    std::lock_guard lock(mutex_);
    return HttpResponse{200, {}, apps_};
  }
  Result<HttpResponse> stream(const HttpRequest& request, const BodyChunkHandler&) override {
    return Error{request.origin + ": no event stream here"};
  }

 private:
  std::mutex mutex_;
  std::string apps_;
};

// An HTTP server on 127.0.0.1 answering GET / with its name, in a thread of its own.
class TaskServer {
 public:
  explicit TaskServer(std::string name) {
    server_.Get("/", [name](const httplib::Request&, httplib::Response& response) {
      response.set_content(name, "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~TaskServer() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

// Requests through HAProxy in a loop, each on a fresh connection; notes when the body
// awaited first comes back.
class Poller {
 public:
  explicit Poller(int port) : thread_([this, port] { loop(port); }) {}
  ~Poller() {
    stop_ = true;
    thread_.join();
  }

  // From now on, waits for `name`.
  void await(const std::string& name) {
    std::lock_guard lock(mutex_);
    awaited_ = name;
    seen_at_.reset();
  }

  // When the awaited name came back, once it has.
  std::optional<Clock::time_point> seen_at() {
    std::lock_guard lock(mutex_);
    return seen_at_;
  }

 private:
  void loop(int port) {
    while (!stop_) {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(false);
      client.set_connection_timeout(std::chrono::seconds(1));
      httplib::Result answer = client.Get("/");
      if (answer) {
        std::lock_guard lock(mutex_);
        if (!seen_at_ && answer->body == awaited_) seen_at_ = Clock::now();
      }
      std::this_thread::sleep_for(std::chrono::microseconds(500));  // leave CPU to HAProxy
    }
  }

  std::mutex mutex_;
  std::string awaited_;
  std::optional<Clock::time_point> seen_at_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Sends this process's stderr to `path` until destruction, so that programs started
// meanwhile (HAProxy, which logs every server change) write there instead.
class StderrTo {
 public:
  explicit StderrTo(const std::string& path)
      : saved_(::dup(STDERR_FILENO)), file_(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644)) {
    ::dup2(file_, STDERR_FILENO);
  }
  ~StderrTo() {
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
    ::close(file_);
  }
  StderrTo(const StderrTo&) = delete;
  StderrTo& operator=(const StderrTo&) = delete;

 private:
  int saved_;
  int file_;
};

// Skylr's pipeline and a managed HAProxy in a temporary directory.
struct Pipeline {
  TempDir dir;
  int port = free_port();
  Config config;
  MarathonStandIn http;
  ControlSocket& socket = default_control_socket();
  std::unique_ptr<HaproxyControl> haproxy;
  std::unique_ptr<ConfigApplier> applier;
  std::unique_ptr<MarathonClient> marathon;
  std::unique_ptr<RuntimeUpdater> updater;
  std::unique_ptr<Synchronizer> synchronizer;

  Pipeline() {
    ServiceConfig web;
    web.name = "web";
    web.app_id = "/web";
    web.port = port;
    config.services["web"] = web;
    config.marathon_hosts = {MarathonEndpoint{"http", "marathon.invalid", 8080, ""}};
    config.config_destination = dir.path("haproxy.cfg");
    config.haproxy.binary = haproxy_path();
    config.haproxy.bind_host = "127.0.0.1";
    config.reload.admin_socket = dir.path("admin.sock");
    config.reload.master_socket = dir.path("master.sock");
    haproxy = make_managed_haproxy(haproxy_process_settings(config), default_process_runner(), socket,
                                   default_file_system(), default_clock());
    applier = std::make_unique<ConfigApplier>(apply_settings(config), default_file_system(),
                                              default_process_runner(), *haproxy, default_clock());
    marathon = std::make_unique<MarathonClient>(config.marathon_hosts, std::nullopt, http);
    updater = std::make_unique<RuntimeUpdater>(socket);
    synchronizer = std::make_unique<Synchronizer>(*marathon, *applier, *updater, default_clock());
  }
  ~Pipeline() { (void)haproxy->stop(); }

  SyncReport sync(bool runtime) {
    return runtime ? synchronizer->sync(config)
                   : synchronize(config, *marathon, *applier, default_clock());
  }
};

// /web's tasks: (task id, port) pairs.
std::string apps_json(const std::vector<std::pair<std::string, int>>& tasks) {
  std::string list;
  for (const auto& [id, port] : tasks) {
    if (!list.empty()) list += ",";
    list += fmt::format(R"({{"id":"{}","host":"127.0.0.1","ports":[{}],"state":"TASK_RUNNING"}})", id, port);
  }
  return R"({"apps":[{"id":"/web","tasks":[)" + list + "]}]}";
}

// What one run measured.
struct Latencies {
  std::vector<double> to_traffic_ms;
  std::vector<double> sync_ms;
  std::uint64_t reloads = 0;  // after the first configuration
};

// kScaleUps times: a task of the pool joins (measured), then the oldest leaves.
Latencies measure(bool runtime, const std::vector<std::unique_ptr<TaskServer>>& pool) {
  Pipeline pipeline;
  std::vector<std::pair<std::string, int>> live = {{"web.t0000", pool[0]->port()},
                                                   {"web.t0001", pool[1]->port()}};
  pipeline.http.set_apps(apps_json(live));
  std::optional<StderrTo> haproxy_log(pipeline.dir.path("haproxy.log"));
  SyncReport first = pipeline.sync(runtime);
  haproxy_log.reset();
  if (first.apply.status != ApplyStatus::kApplied) throw std::runtime_error(first.apply.message);
  Poller poller(pipeline.port);
  Latencies result;
  for (int i = 2; i < kScaleUps + 2; ++i) {
    std::size_t member = static_cast<std::size_t>(i % kPool);
    poller.await(fmt::format("p{}", member));
    live.emplace_back(fmt::format("web.t{:04}", i), pool[member]->port());
    pipeline.http.set_apps(apps_json(live));
    auto start = Clock::now();
    SyncReport report = pipeline.sync(runtime);
    result.sync_ms.push_back(elapsed_ms(start));
    if (report.apply.status != ApplyStatus::kApplied) throw std::runtime_error(report.apply.message);
    while (!poller.seen_at() && elapsed_ms(start) < 5000) std::this_thread::sleep_for(std::chrono::microseconds(200));
    auto seen = poller.seen_at();
    if (!seen) throw std::runtime_error(fmt::format("task p{} never answered", member));
    result.to_traffic_ms.push_back(std::chrono::duration<double, std::milli>(*seen - start).count());
    live.erase(live.begin());
    pipeline.http.set_apps(apps_json(live));
    (void)pipeline.sync(runtime);
  }
  for (const auto& [reason, count] : pipeline.applier->counters().reloads) result.reloads += count;
  result.reloads -= 1;
  return result;
}

void report(const char* mode, const Latencies& latencies, const std::string& target, double limit) {
  double p50 = percentile(latencies.to_traffic_ms, 50);
  print_row({fmt::format("scale-up event to traffic, {}: p50 / p99 ({} events)", mode, kScaleUps),
             fmt::format("{} / {}", format_ms(p50), format_ms(percentile(latencies.to_traffic_ms, 99))),
             target, target.empty() ? std::nullopt : std::optional<bool>(p50 <= limit)});
  print_row({fmt::format("scale-up sync from start to end (file checked and written), {}: p50 / p99", mode),
             fmt::format("{} / {}", format_ms(percentile(latencies.sync_ms, 50)),
                         format_ms(percentile(latencies.sync_ms, 99))),
             "", std::nullopt});
}

int run() {
  std::vector<std::unique_ptr<TaskServer>> pool;
  for (int i = 0; i < kPool; ++i) pool.push_back(std::make_unique<TaskServer>(fmt::format("p{}", i)));
  Latencies runtime = measure(true, pool);
  Latencies reloads = measure(false, pool);
  report("Runtime API", runtime, "p50 ≤ 50 ms", 50);
  print_row({"reloads during the Runtime API run (scale-ups and scale-downs)",
             fmt::format("{}", runtime.reloads), "0", runtime.reloads == 0});
  report("reload every time", reloads, "", 0);
  return 0;
}

}  // namespace
}  // namespace skylr::bench

int main() { return skylr::bench::run_benchmark("bench_runtime_latency", skylr::bench::run); }
