// bench_scale: what a change costs when the cluster is big. marathon-sim holds 10,000 apps
// × 3 tasks and every app is a service of skylrd (following the event stream, reload min
// interval 0, no health checks, no drain), with the real HAProxy that skylrd manages.
// Measured: start-up to healthy; `haproxy -c` peak RSS of skylrd's configuration against a
// plain one-server-per-task one; a task moved (killed without scaling, so the simulator
// starts a replacement on another port) from the replacement's startedAt to HAProxy's admin
// socket listing it ready, with what each move cost skylrd (bytes and reads from Marathon
// by its /metrics, CPU by /proc); a new app of a configured service from its PUT to a
// request through HAProxy answered by its task; a no-op periodic resync; HAProxy's and
// skylrd's RSS. Each series of trials has a time budget, so a slow skylrd gives fewer
// trials (the rows say so) rather than a run of an hour.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include "haproxy_servers.h"
#include "model/backends.h"
#include "plain_config.h"
#include "proc_table.h"
#include "processes.h"
#include "report.h"
#include "routing_view.h"
#include "scratch.h"
#include "sim_tasks.h"
#include "skylr/config.h"
#include "skylr/marathon.h"
#include "stack.h"
#include "sync_log.h"
#include "synthetic_apps.h"
#include "task_answer.h"

namespace skylr::bench {

using testing::HttpAnswer;
using testing::TempDir;
using testing::http_call;
using testing::process_cpu_ms;
using testing::process_rss_bytes;
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr int kApps = 10000;
constexpr int kTasksPerApp = 3;
constexpr int kTrials = 20;  // task moves, and new services
constexpr int kStageMs = 20;
constexpr int kResyncs = 3;
constexpr int kResyncIntervalS = 3600;  // no periodic resync during the trials
constexpr seconds kStartTimeout{120};
constexpr seconds kTrialTimeout{60};  // also for skylrd to become idle
constexpr seconds kMovesBudget{150};
constexpr seconds kNewServicesBudget{100};
constexpr int kConfiguredServices = 5;  // each a reload of the 10k configuration
constexpr milliseconds kQuiet{300};  // no sync started for this long: skylrd is done with a change
constexpr double kMaxBytesPerChange = 64 * 1024;
constexpr const char* kLaunchLabel = "MARATHON_SIM_LAUNCH";
constexpr const char* kBytesRead = "skylr_marathon_bytes_read_total";
constexpr const char* kReads = "skylr_marathon_reads_total";
constexpr const char* kAppReads = R"(skylr_marathon_reads_total{kind="app"})";
constexpr const char* kFullReads = R"(skylr_marathon_reads_total{kind="full"})";
constexpr const char* kFigure = "scale 10k×3";

// The app of new-service trial `index`, configured as a service but absent at start.
std::string new_app_id(int index) { return fmt::format("/bench/new/app-{:02}", index); }

// The service skylrd publishes `app_id` as (keyed by the app id, HTTP, no checks).
ServiceConfig service_of(const std::string& app_id) {
  ServiceConfig service;
  service.name = app_id;
  service.app_id = app_id;
  service.health.check = HealthCheck::kNone;
  return service;
}

// The backend whose servers carry `app_id`'s traffic ("<proxy name>_http").
std::string service_backend(const std::string& app_id) { return model::backend_role(service_of(app_id)).name; }

// Sleeps between two polls: 2 ms during the first half second, then 20 ms, so that fast
// changes are timed finely and slow ones do not flood what is polled.
void poll_pause(Clock::time_point since) {
  std::this_thread::sleep_for(milliseconds(elapsed_ms(since) < 500 ? 2 : 20));
}

// What skylrd has spent so far.
struct Spent {
  double bytes = 0;       // read from Marathon
  double app_reads = 0;   // reads of one app
  double full_reads = 0;  // reads of every app
  double cpu_ms = 0;      // user + system
};

// What was spent between `b` and `a`.
Spent operator-(const Spent& a, const Spent& b) {
  return {a.bytes - b.bytes, a.app_reads - b.app_reads, a.full_reads - b.full_reads, a.cpu_ms - b.cpu_ms};
}

// What skylrd has spent since it started (a counter it does not export counts as 0).
Spent spent(const Stack& stack) {
  std::string metrics = stack.metrics();
  return {metric_value(metrics, kBytesRead), metric_value(metrics, kAppReads), metric_value(metrics, kFullReads),
          process_cpu_ms(stack.skylrd_pid())};
}

// Waits until skylrd is idle; throws naming `when` when it is not within the trial timeout.
void settle(const Stack& stack, const char* when) {
  if (!stack.wait_idle(kQuiet, kTrialTimeout)) {
    throw std::runtime_error(fmt::format("skylrd still syncing {} after {} s", when, kTrialTimeout.count()));
  }
}

// The task of `app_id` that is not one of `old_ids`, once the simulator runs it; nullopt
// when it does not before `deadline`.
std::optional<SimTask> running_replacement(int sim_port, const std::string& app_id,
                                           const std::set<std::string>& old_ids, Clock::time_point deadline) {
  auto start = Clock::now();
  while (Clock::now() < deadline) {
    for (SimTask& task : sim_app_tasks(sim_port, app_id)) {
      if (old_ids.count(task.id) == 0 && task.state == "TASK_RUNNING" && task.started_at) return task;
    }
    poll_pause(start);
  }
  return std::nullopt;
}

// One task move.
struct Move {
  double latency_ms = -1;  // replacement running → HAProxy serving it; -1: not within the trial timeout
  Spent cost;              // from the kill until skylrd is idle again
};

// Kills a random task of `app_id` without scaling and measures the move; nullopt when the
// replacement got the address of one of the old tasks (HAProxy would list it already).
std::optional<Move> move_one_task(const Stack& stack, const std::string& app_id, std::mt19937& random) {
  settle(stack, "before a move");
  std::vector<SimTask> before = sim_app_tasks(stack.sim_port(), app_id);
  if (before.empty()) throw std::runtime_error(fmt::format("{} has no tasks", app_id));
  std::set<std::string> old_ids;
  std::set<std::string> old_addresses;
  for (const SimTask& task : before) {
    old_ids.insert(task.id);
    old_addresses.insert(model::host_port(task.host, task.port));
  }
  const SimTask& victim = before[random() % before.size()];
  Spent start = spent(stack);
  auto deadline = Clock::now() + kTrialTimeout;
  HttpAnswer killed =
      http_call(stack.sim_port(), "DELETE", fmt::format("/v2/apps{}/tasks/{}?scale=false", app_id, victim.id));
  if (killed.status != 200) {
    throw std::runtime_error(fmt::format("killing {}: {} {}", victim.id, killed.status, killed.body));
  }
  std::optional<SimTask> replacement = running_replacement(stack.sim_port(), app_id, old_ids, deadline);
  if (!replacement) throw std::runtime_error(fmt::format("marathon-sim ran no replacement for {}", victim.id));
  bool reused = old_addresses.count(model::host_port(replacement->host, replacement->port)) != 0;
  Move move;
  std::string backend = service_backend(app_id);
  for (auto polling = Clock::now(); !reused && Clock::now() < deadline; poll_pause(polling)) {
    if (haproxy_serves(stack.admin_socket(), backend, replacement->host, replacement->port)) {
      auto since_running = std::chrono::system_clock::now() - *replacement->started_at;
      move.latency_ms = std::chrono::duration<double, std::milli>(since_running).count();
      break;
    }
  }
  settle(stack, "after a move");
  move.cost = spent(stack) - start;
  if (reused) return std::nullopt;
  return move;
}

// The moves of one series.
struct Moves {
  std::vector<Move> done;
  bool over_budget = false;  // stopped before kTrials
};

// Moves a task of a random app kTrials times, or fewer when the budget runs out.
Moves move_tasks(const Stack& stack) {
  std::mt19937 random(20240311);
  Moves moves;
  auto start = Clock::now();
  while (static_cast<int>(moves.done.size()) < kTrials) {
    if (Clock::now() - start > kMovesBudget) {
      moves.over_budget = true;
      break;
    }
    std::string app_id = synthetic_app_id(static_cast<int>(random() % kApps));
    std::optional<Move> move = move_one_task(stack, app_id, random);
    if (!move) {
      std::fprintf(stderr, "move of %s: the replacement got an old task's address; not counted\n", app_id.c_str());
      continue;
    }
    std::fprintf(stderr,
                 "move %zu of %d (%s): served after %.1f ms; %.0f bytes, %.0f app + %.0f full reads, %.0f ms CPU\n",
                 moves.done.size() + 1, kTrials, app_id.c_str(), move->latency_ms, move->cost.bytes,
                 move->cost.app_reads, move->cost.full_reads, move->cost.cpu_ms);
    moves.done.push_back(*move);
  }
  return moves;
}

// "20 trials" or "7 trials, stopped by the 150 s budget".
std::string trials_text(std::size_t trials, bool over_budget, seconds budget) {
  if (!over_budget) return fmt::format("{} trials", trials);
  return fmt::format("{} trials, stopped by the {} s budget", trials, budget.count());
}

// Prints the rows of the moves: latency, bytes and reads from Marathon (when skylrd's
// `metrics` export them), CPU.
void report_moves(const Moves& moves, const std::string& metrics) {
  std::vector<double> latencies, bytes, app_reads, full_reads, cpu;
  for (const Move& move : moves.done) {
    if (move.latency_ms >= 0) latencies.push_back(move.latency_ms);
    bytes.push_back(move.cost.bytes);
    app_reads.push_back(move.cost.app_reads);
    full_reads.push_back(move.cost.full_reads);
    cpu.push_back(move.cost.cpu_ms);
  }
  std::size_t unserved = moves.done.size() - latencies.size();
  bool enough = moves.done.size() >= static_cast<std::size_t>(kTrials);
  std::string trials = trials_text(moves.done.size(), moves.over_budget, kMovesBudget);
  std::string never =
      unserved == 0 ? "" : fmt::format(" ({} never served within {} s)", unserved, kTrialTimeout.count());
  double p50 = percentile(latencies, 50);
  double p99 = percentile(latencies, 99);
  print_row({fmt::format("{}: one task moved → HAProxy serving it, p50 / p99 ({}; from the replacement's "
                         "startedAt in the sim to the admin socket listing it ready)",
                         kFigure, trials),
             fmt::format("{} / {}{}", format_ms(p50), format_ms(p99), never), "p50 ≤ 50 ms, p99 ≤ 250 ms",
             enough && unserved == 0 && p50 <= 50 && p99 <= 250});
  bool bytes_exported = metrics.find(kBytesRead) != std::string::npos;
  double most = percentile(bytes, 100);
  print_row({fmt::format("{}: bytes read from Marathon per task move, p50 / max ({})", kFigure, trials),
             bytes_exported ? fmt::format("{} / {}", format_bytes(percentile(bytes, 50)), format_bytes(most))
                            : fmt::format("not measured: skylrd has no {} yet", kBytesRead),
             "≤ 64 KiB", bytes_exported && enough && most <= kMaxBytesPerChange});
  print_row({fmt::format("{}: Marathon reads per task move, one app / every app (p50, max)", kFigure),
             metrics.find(kReads) != std::string::npos
                 ? fmt::format("{:.0f}, {:.0f} / {:.0f}, {:.0f}", percentile(app_reads, 50), percentile(app_reads, 100),
                               percentile(full_reads, 50), percentile(full_reads, 100))
                 : fmt::format("not measured: skylrd has no {} yet", kReads),
             "", std::nullopt});
  double mean_cpu = cpu.empty() ? 0 : std::accumulate(cpu.begin(), cpu.end(), 0.0) / static_cast<double>(cpu.size());
  print_row({fmt::format("{}: skylrd CPU per task move (utime + stime, 10 ms ticks), p50 / mean", kFigure),
             fmt::format("{} / {}", format_ms(percentile(cpu, 50)), format_ms(mean_cpu)), "", std::nullopt});
}

// PUTs the app `app_id` in the simulator: one instance, a real task server.
void put_served_app(const Stack& stack, const std::string& app_id) {
  std::string body = fmt::format(R"({{"cmd":"serve","instances":1,"labels":{{"{}":"true"}},)"
                                 R"("portDefinitions":[{{"port":0,"protocol":"tcp","name":"http"}}]}})",
                                 kLaunchLabel);
  HttpAnswer created = http_call(stack.sim_port(), "PUT", fmt::format("/v2/apps{}", app_id), body);
  if (created.status != 201) {
    throw std::runtime_error(fmt::format("creating {}: {} {}", app_id, created.status, created.body));
  }
}

// Milliseconds from `start` until a request through HAProxy on `port` is answered by a
// task of `app_id`; -1 when not within the trial timeout.
double first_answer_ms(int port, const std::string& app_id, Clock::time_point start) {
  for (; Clock::now() - start < kTrialTimeout; poll_pause(start)) {
    std::optional<TaskAnswer> answer = ask_task_server(port);
    if (answer && answer->app_id == app_id) return elapsed_ms(start);
  }
  return -1;
}

// PUTs the app `app_id` of a configured service and times from the PUT until a request
// through HAProxy on the service's port is answered by its task; -1 when not within the
// trial timeout.
double new_service_to_traffic(const Stack& stack, const std::string& app_id) {
  settle(stack, "before a new service");
  auto start = Clock::now();
  put_served_app(stack, app_id);
  return first_answer_ms(stack.service_port(app_id), app_id, start);
}

// PUTs the app `app_id`, which no service follows yet, waits for its task to run, then adds
// a service for it on `port` to skylrd's config (SIGHUP: a full read, `haproxy -c` and a
// reload) and times from the SIGHUP until a request through HAProxy on `port` is answered
// by the task; -1 when not within the trial timeout.
double configured_service_to_traffic(Stack& stack, const std::string& app_id, int port) {
  settle(stack, "before a configured service");
  put_served_app(stack, app_id);
  auto put = Clock::now();
  while (http_call(stack.sim_port(), "GET", fmt::format("/v2/apps{}?embed=app.tasks", app_id))
             .body.find(R"("state":"TASK_RUNNING")") == std::string::npos) {
    if (Clock::now() - put > kTrialTimeout) throw std::runtime_error(fmt::format("{} never ran", app_id));
    poll_pause(put);
  }
  auto start = Clock::now();
  stack.rewrite_config([&](BenchConfig& config) { config.services.emplace_back(app_id, port); });
  return first_answer_ms(port, app_id, start);
}

// Adds kConfiguredServices services by config changes, one by one, and prints the row of
// their times to traffic.
void configured_services(Stack& stack) {
  std::vector<int> ports = testing::free_ports(kConfiguredServices);
  std::vector<double> latencies;
  for (int trial = 0; trial < kConfiguredServices; ++trial) {
    std::string app_id = fmt::format("/bench/configured/app-{:02}", trial);
    double latency = configured_service_to_traffic(stack, app_id, ports[static_cast<std::size_t>(trial)]);
    std::fprintf(stderr, "configured service %d of %d: %.1f ms to the first answer through HAProxy\n", trial + 1,
                 kConfiguredServices, latency);
    latencies.push_back(latency < 0 ? kTrialTimeout.count() * 1000.0 : latency);
  }
  double worst = percentile(latencies, 100);
  print_row({fmt::format("{}: new service by a config change (SIGHUP: full read, haproxy -c, reload) → first 200 "
                         "through HAProxy, p50 / max ({} trials)",
                         kFigure, kConfiguredServices),
             fmt::format("{} / {}", format_ms(percentile(latencies, 50)), format_ms(worst)), "≤ 3 s",
             worst <= 3000});
}

// Adds the apps of kTrials configured services one by one (fewer when the budget runs
// out) and prints the row of their times to traffic.
void new_services(const Stack& stack) {
  std::vector<double> latencies;
  int unserved = 0;
  bool over_budget = false;
  auto start = Clock::now();
  for (int trial = 0; trial < kTrials; ++trial) {
    if (Clock::now() - start > kNewServicesBudget) {
      over_budget = true;
      break;
    }
    double latency = new_service_to_traffic(stack, new_app_id(trial));
    std::fprintf(stderr, "new service %d of %d: %.1f ms to the first answer through HAProxy\n", trial + 1, kTrials,
                 latency);
    if (latency < 0) {
      ++unserved;
    } else {
      latencies.push_back(latency);
    }
  }
  std::size_t trials = latencies.size() + static_cast<std::size_t>(unserved);
  std::string never =
      unserved == 0 ? "" : fmt::format(" ({} never answered within {} s)", unserved, kTrialTimeout.count());
  double p99 = percentile(latencies, 99);
  print_row({fmt::format("{}: new app of a configured service → first 200 through HAProxy, p50 / p99 ({}; "
                         "from the PUT to the sim)",
                         kFigure, trials_text(trials, over_budget, kNewServicesBudget)),
             fmt::format("{} / {}{}", format_ms(percentile(latencies, 50)), format_ms(p99), never), "p99 ≤ 3 s",
             trials >= static_cast<std::size_t>(kTrials) && unserved == 0 && p99 <= 3000});
}

// The next finished sync in skylrd's log after the first `seen`, which it then counts;
// throws when none comes within the trial timeout.
SyncLine next_sync(const Stack& stack, std::size_t& seen) {
  for (auto start = Clock::now(); Clock::now() - start < kTrialTimeout; poll_pause(start)) {
    std::vector<SyncLine> lines = sync_lines(stack.skylrd_log());
    if (lines.size() > seen) return lines[seen++];
  }
  throw std::runtime_error(fmt::format("skylrd logged no sync within {} s", kTrialTimeout.count()));
}

// Sets reload.resync_interval_s to 1 (SIGHUP, which syncs once itself) and prints the row
// of the next kResyncs periodic resyncs of the unchanged cluster: the time skylrd logs, and
// what skylrd spent from the end of the sync before (so its CPU includes 1 s of idling);
// then sets the interval back.
void periodic_resyncs(Stack& stack, const std::string& metrics) {
  settle(stack, "before the resyncs");
  std::size_t seen = sync_lines(stack.skylrd_log()).size();
  stack.rewrite_config([](BenchConfig& config) { config.resync_interval_s = 1; });
  next_sync(stack, seen);  // the SIGHUP's own
  Spent mark = spent(stack);
  std::vector<double> took, cpu, bytes;
  std::set<std::string> causes;
  for (int resync = 0; resync < kResyncs; ++resync) {
    SyncLine line = next_sync(stack, seen);
    Spent now = spent(stack);
    Spent cost = now - mark;
    mark = now;
    std::fprintf(stderr, "resync %d (%s): took %.0f ms, %.0f ms CPU, %.0f bytes\n", resync + 1, line.cause.c_str(),
                 line.took_ms, cost.cpu_ms, cost.bytes);
    causes.insert(line.cause);
    took.push_back(line.took_ms);
    cpu.push_back(cost.cpu_ms);
    bytes.push_back(cost.bytes);
  }
  stack.rewrite_config([](BenchConfig& config) { config.resync_interval_s = kResyncIntervalS; });
  settle(stack, "after the resyncs");
  bool periodic = causes.size() == 1 && *causes.begin() == "periodic resync";
  bool exported = metrics.find(kBytesRead) != std::string::npos;
  std::string read = exported ? format_bytes(percentile(bytes, 50)) : "not measured";
  print_row({fmt::format("{}: no-op periodic resync (resync_interval_s 1), median of {}: logged time / skylrd CPU "
                         "(with 1 s idle) / bytes read{}",
                         kFigure, kResyncs, periodic ? "" : " (not only periodic)"),
             fmt::format("{} / {} / {}", format_ms(percentile(took, 50)), format_ms(percentile(cpu, 50)), read),
             "", std::nullopt});
}

// The resident memory of HAProxy (master and workers) and skylrd.
struct Footprint {
  double haproxy_bytes = 0;
  std::size_t haproxy_processes = 0;
  double skylrd_bytes = 0;
};

// HAProxy's and skylrd's resident memory now.
Footprint footprint(const Stack& stack) {
  Footprint result;
  for (pid_t pid : stack.haproxy_pids()) {
    result.haproxy_bytes += process_rss_bytes(pid);
    ++result.haproxy_processes;
  }
  result.skylrd_bytes = process_rss_bytes(stack.skylrd_pid());
  return result;
}

// Prints the row of the footprints after start-up and at the end.
void report_footprints(const Footprint& start, const Footprint& end) {
  print_row({fmt::format("{}: RSS after start-up → at the end: HAProxy (master + workers) / skylrd", kFigure),
             fmt::format("{} ({} processes) → {} ({}) / {} → {}", format_mb(start.haproxy_bytes),
                         start.haproxy_processes, format_mb(end.haproxy_bytes), end.haproxy_processes,
                         format_mb(start.skylrd_bytes), format_mb(end.skylrd_bytes)),
             "", std::nullopt});
}

// The plain configuration for the services of `stack`: one server per routable task.
std::string plain_equivalent(const Stack& stack) {
  HttpAnswer answer = http_call(stack.sim_port(), "GET", "/v2/tasks");
  Result<std::vector<Task>> tasks = parse_tasks(answer.body);
  if (answer.status != 200 || !tasks) throw std::runtime_error("marathon-sim's /v2/tasks could not be read");
  std::map<std::string, std::vector<std::string>> servers;
  for (const Task& task : *tasks) {
    if (testing::routable(task) && !task.ports.empty()) {
      servers[task.app_id].push_back(model::host_port(task.host, task.ports[0]));
    }
  }
  std::vector<PlainService> services;
  for (const std::string& app_id : stack.tracked()) {
    ServiceConfig service = service_of(app_id);
    services.push_back({proxy_name(service), service_backend(app_id),
                        fmt::format("127.0.0.1:{}", stack.service_port(app_id)), "http", servers[app_id]});
  }
  return plain_config(config_head(testing::read_file(stack.haproxy_config())), services);
}

// Peak RSS of `haproxy -c` on the configuration at `path`, in bytes; -1 when the check fails.
double check_peak_rss(const std::string& path, const TempDir& dir) {
  testing::Finished check =
      testing::run_to_end({testing::haproxy_path(), "-c", "-q", "-f", path}, dir.path("check.out"));
  std::fprintf(stderr, "haproxy -c %s: exit %d, %.0f ms, peak RSS %ld kB\n", path.c_str(), check.exit_code,
               check.wall_ms, check.peak_rss_kb);
  return check.exit_code == 0 ? static_cast<double>(check.peak_rss_kb) * 1024 : -1;
}

// The lines of `text`.
std::size_t line_count(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// Prints the row of `haproxy -c`'s peak RSS on skylrd's configuration and on the plain one.
void compare_checks(const Stack& stack) {
  TempDir dir;
  std::string ours = testing::read_file(stack.haproxy_config());
  std::string plain = plain_equivalent(stack);
  testing::write_file(dir.path("skylr.cfg"), ours);
  testing::write_file(dir.path("plain.cfg"), plain);
  double ours_rss = check_peak_rss(dir.path("skylr.cfg"), dir);
  double plain_rss = check_peak_rss(dir.path("plain.cfg"), dir);
  auto shown = [](double rss) { return rss < 0 ? std::string("check failed") : format_mb(rss); };
  print_row({fmt::format("{}: `haproxy -c` peak RSS, skylrd's config ({} lines) vs one server per task ({} lines)",
                         kFigure, line_count(ours), line_count(plain)),
             fmt::format("{} vs {}", shown(ours_rss), shown(plain_rss)), "skylrd's ≤ plain",
             ours_rss >= 0 && plain_rss >= 0 && ours_rss <= plain_rss});
}

// The phases, in an order that leaves each undisturbed by the one before.
void measure(Stack& stack) {
  settle(stack, "after start-up");
  Footprint at_start = footprint(stack);
  std::string metrics = stack.metrics();
  std::fprintf(stderr, "healthy after %.0f ms; comparing haproxy -c\n", stack.startup_ms());
  compare_checks(stack);
  std::fprintf(stderr, "moving tasks\n");
  report_moves(move_tasks(stack), metrics);
  std::fprintf(stderr, "adding services\n");
  new_services(stack);
  std::fprintf(stderr, "adding services by config changes\n");
  configured_services(stack);
  std::fprintf(stderr, "periodic resyncs\n");
  periodic_resyncs(stack, metrics);
  report_footprints(at_start, footprint(stack));
}

int run() {
  long open_files = testing::raise_open_files_limit();
  StackOptions options;
  options.sim_apps = synthetic_sim_apps(kApps, kTasksPerApp);
  options.stage_ms = kStageMs;
  for (int app = 0; app < kApps; ++app) options.tracked.push_back(synthetic_app_id(app));
  for (int trial = 0; trial < kTrials; ++trial) options.tracked.push_back(new_app_id(trial));
  options.skylr.health_check = "none";
  options.skylr.min_interval_ms = 0;
  options.skylr.resync_interval_s = kResyncIntervalS;
  options.skylr.drain_seconds = 0;
  options.start_timeout = kStartTimeout;
  std::fprintf(stderr, "starting marathon-sim (%d apps × %d tasks), skylrd (%zu services) and HAProxy; "
               "open files limit %ld\n", kApps, kTasksPerApp, options.tracked.size(), open_files);
  Stack stack(options);
  print_row({fmt::format("{}: skylrd start to /health 200 (sim already serving)", kFigure),
             format_ms(stack.startup_ms()), "≤ 5 s", stack.startup_ms() <= 5000});
  try {
    measure(stack);
  } catch (const std::exception&) {
    std::fprintf(stderr, "skylrd's log ends with:\n%s\n", log_tail(stack.skylrd_log(), 30).c_str());
    throw;
  }
  return 0;
}

}  // namespace
}  // namespace skylr::bench

int main() { return skylr::bench::run_benchmark("bench_scale", skylr::bench::run); }
