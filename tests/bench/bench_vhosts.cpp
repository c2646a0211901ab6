// bench_vhosts: label discovery at the design point, 10,000 apps × 3 tasks, each with a
// virtual host of its own on the shared HTTP frontend. Measured: rendering (publishing
// from the labels, the model, the configuration and the routes map), `haproxy -c` (time
// and peak RSS), the running HAProxy's RSS, and wrk's request rate through the shared
// frontend for the first host of the map and for the last: the routes are a prefix tree
// (map_beg), not an ACL per host, so both rates must match within noise. The running
// HAProxy serves the same configuration without its 30,000 health checks: HAProxy reserves
// a file descriptor per checked server, and this machine's hard limit (20,000 open files)
// is below the 38,000 it would ask for (`haproxy -c` above checks the configuration as
// rendered, checks included).
#include <httplib.h>

#include <memory>
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string_view>
#include <thread>

#include <fmt/format.h>

#include "proc_table.h"
#include "processes.h"
#include "report.h"
#include "scratch.h"
#include "skylr/discovery.h"
#include "skylr/render.h"
#include "wrk.h"

namespace skylr::bench {

using testing::BackgroundProcess;
using testing::TempDir;
namespace {

constexpr int kApps = 10000;
constexpr int kTasks = 3;
constexpr int kRenderRuns = 5;
constexpr int kWrkSeconds = 5;
constexpr int kWrkRounds = 2;

// The tasks' one HTTP server on 127.0.0.1: another HAProxy answering "ok" itself, fast
// enough not to be what the rates measure.
std::unique_ptr<BackgroundProcess> start_backend(const TempDir& dir, int port) {
  testing::write_file(dir.path("backend.cfg"),
                      fmt::format("global\n    maxconn 2000\n"
                                  "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n"
                                  "    timeout server 30s\n"
                                  "frontend backend\n    bind 127.0.0.1:{}\n"
                                  "    http-request return status 200 content-type text/plain string ok\n",
                                  port));
  return std::make_unique<BackgroundProcess>(
      std::vector<std::string>{testing::haproxy_path(), "-db", "-f", dir.path("backend.cfg")}, dir.path("backend.out"),
      dir.path("backend.err"));
}

std::string host_of(int app) { return fmt::format("app-{:05}.bench.test", app); }

// The apps: each labelled into group "bench" with a virtual host, its tasks on the one
// backend server at `port`, a TCP health check every 60 s.
std::vector<App> vhost_apps(int port) {
  std::vector<App> apps(kApps);
  for (int i = 0; i < kApps; ++i) {
    App& app = apps[static_cast<std::size_t>(i)];
    app.id = fmt::format("/bench/app-{:05}", i);
    app.instances = kTasks;
    app.labels = {{"HAPROXY_GROUP", "bench"}, {"HAPROXY_0_VHOST", host_of(i)}};
    app.service_ports = {0};
    app.health_checks = {AppHealthCheck{"TCP", 0, std::nullopt, "/", 60, 5, 2}};
    for (int t = 0; t < kTasks; ++t) {
      Task task;
      task.id = fmt::format("bench_app-{:05}.{}", i, t);
      task.host = "127.0.0.1";
      task.ports = {port};
      task.state = "TASK_RUNNING";
      task.started = true;
      app.tasks.push_back(std::move(task));
    }
  }
  return apps;
}

Config bench_config(const TempDir& dir, int http_port) {
  Config config;
  config.config_destination = dir.path("haproxy.cfg");
  config.haproxy.bind_host = "127.0.0.1";
  config.reload.admin_socket = dir.path("admin.sock");
  config.discovery.enabled = true;
  config.discovery.groups = {"bench"};
  config.discovery.http_bind_host = "127.0.0.1";
  config.discovery.http_port = http_port;
  config.discovery.routes_map = dir.path("skylr-routes.map");
  return config;
}

// What one render gives, and its CPU time.
struct Rendered {
  std::string config;
  std::string routes;
  double cpu_ms = 0;
};

Rendered render_once(const Config& config, const std::vector<App>& apps) {
  double start = thread_cpu_ms();
  Config served;
  Model model = build_published_model(config, apps, served);
  Rendered rendered{render_haproxy_config(served, model), render_routes_map(served), 0};
  rendered.cpu_ms = thread_cpu_ms() - start;
  return rendered;
}

// `config` with its servers' health checks left out (the file comment says why).
std::string without_checks(std::string_view config) {
  constexpr std::string_view kChecked = " check inter 60s fall 3\n";
  std::string out;
  out.reserve(config.size());
  for (std::size_t from = 0;;) {
    std::size_t at = config.find(kChecked, from);
    out.append(config.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
    if (at == std::string_view::npos) return out;
    out += '\n';
    from = at + kChecked.size();
  }
}

// Waits until HAProxy routes `host` on `port` to the backend (200), up to a minute.
void wait_routed(int port, const std::string& host) {
  for (int i = 0; i < 600; ++i) {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(1);
    auto answer = client.Get("/", httplib::Headers{{"Host", host}});
    if (answer && answer->status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  throw std::runtime_error(fmt::format("HAProxy never routed {} (port {})", host, port));
}

// wrk's median rate over the rounds for `host`.
double rate_for(int port, const std::string& host, const TempDir& dir, int round) {
  std::string output = dir.path(fmt::format("wrk-{}-{}.txt", host, round));
  auto wrk = start_wrk(port, kWrkSeconds, output, host);
  WrkResult result = finish_wrk(*wrk, kWrkSeconds, output);
  if (result.non_2xx > 0 || result.socket_errors > 0) {
    throw std::runtime_error(fmt::format("wrk for {}: {} non-2xx, {}", host, result.non_2xx, result.socket_detail));
  }
  return result.requests_per_second;
}

int run() {
  testing::raise_open_files_limit();
  TempDir dir;
  int backend_port = testing::free_port();
  std::unique_ptr<BackgroundProcess> backend = start_backend(dir, backend_port);
  int http_port = testing::free_port();
  Config config = bench_config(dir, http_port);
  std::vector<App> apps = vhost_apps(backend_port);

  std::vector<double> render_ms;
  Rendered rendered;
  for (int run = 0; run < kRenderRuns; ++run) {
    rendered = render_once(config, apps);
    render_ms.push_back(rendered.cpu_ms);
  }
  print_row({"vhosts 10k×3: render (labels, model, configuration, routes map), median CPU", format_ms(median(render_ms)),
             "", std::nullopt});
  testing::write_file(config.config_destination, rendered.config);
  testing::write_file(config.discovery.routes_map, rendered.routes);
  std::fprintf(stderr, "configuration %s, routes map %s\n", format_bytes(static_cast<double>(rendered.config.size())).c_str(),
               format_bytes(static_cast<double>(rendered.routes.size())).c_str());

  testing::Finished check =
      testing::run_to_end({testing::haproxy_path(), "-c", "-q", "-f", config.config_destination}, dir.path("check.out"));
  if (check.exit_code != 0) throw std::runtime_error("haproxy -c refused the configuration");
  print_row({"vhosts 10k×3: haproxy -c time / peak RSS",
             fmt::format("{} / {}", format_ms(check.wall_ms), format_mb(static_cast<double>(check.peak_rss_kb) * 1024)),
             "", std::nullopt});

  testing::write_file(dir.path("unchecked.cfg"), without_checks(rendered.config));
  BackgroundProcess haproxy({testing::haproxy_path(), "-db", "-f", dir.path("unchecked.cfg")}, dir.path("haproxy.out"),
                            dir.path("haproxy.err"));
  try {
    wait_routed(http_port, host_of(0));
    wait_routed(http_port, host_of(kApps - 1));
  } catch (const std::runtime_error& error) {
    throw std::runtime_error(fmt::format("{}; HAProxy's stderr:\n{}", error.what(), testing::read_file(dir.path("haproxy.err"))));
  }
  print_row({"vhosts 10k×3: running HAProxy RSS (without health checks)", format_mb(testing::process_rss_bytes(haproxy.pid())), "",
             std::nullopt});

  std::vector<double> first;
  std::vector<double> last;
  for (int round = 0; round < kWrkRounds; ++round) {
    first.push_back(rate_for(http_port, host_of(0), dir, round));
    last.push_back(rate_for(http_port, host_of(kApps - 1), dir, round));
  }
  double first_rate = median(first);
  double last_rate = median(last);
  double ratio = last_rate / first_rate;
  print_row({"vhosts 10k: requests/s through the shared frontend, first host of the map",
             fmt::format("{:.0f}", first_rate), "", std::nullopt});
  print_row({"vhosts 10k: requests/s, last host of the map (ratio to the first)",
             fmt::format("{:.0f} ({:.2f})", last_rate, ratio), "ratio 0.90-1.10", ratio >= 0.9 && ratio <= 1.1});
  haproxy.stop(SIGTERM, std::chrono::seconds(10));
  backend->stop(SIGTERM, std::chrono::seconds(10));
  return 0;
}

}  // namespace
}  // namespace skylr::bench

int main() { return skylr::bench::run_benchmark("bench_vhosts", skylr::bench::run); }
