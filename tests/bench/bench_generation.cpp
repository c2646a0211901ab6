// bench_generation: libskylr from a Marathon answer to HAProxy's configuration text —
// parse_apps, build_model, render_haproxy_config — for 100 to 30,000 apps × 3 tasks, every
// app a configured service, on one CPU. The floor is a bare RapidJSON parse of the same
// body; peak memory comes from a fresh child process per size (this program re-run with
// --rss-child); skylrctl render of the 10k body is timed as a whole process.
#include <sched.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "config_text.h"
#include "processes.h"
#include "report.h"
#include "scratch.h"
#include "skylr/config.h"
#include "skylr/marathon.h"
#include "skylr/model.h"
#include "skylr/render.h"
#include "synthetic_apps.h"

namespace skylr::bench {

using testing::Finished;
using testing::TempDir;
using testing::read_file;
using testing::run_to_end;
using testing::skylrctl_path;
using testing::write_file;
namespace {

constexpr int kTasks = 3;
constexpr int kRuns = 7;
constexpr int kProcessRuns = 5;

struct Size {
  int apps;
  const char* label;
};
constexpr Size kSizes[] = {{100, "100"}, {1000, "1k"}, {10000, "10k"}, {30000, "30k"}};

// Median milliseconds of each stage over the runs of one size.
struct StageTimes {
  double parse = 0, model = 0, render = 0, total = 0, bare = 0;
};

Config load_config(const std::string& text) {
  Result<Config> config = parse_config(text);
  if (!config) throw std::runtime_error("benchmark config refused: " + config.error().message);
  return std::move(*config);
}

// One pass of the pipeline, each stage's CPU time in `stages` (parse, model, render,
// total); the rendered size, so that nothing is optimised away.
std::size_t run_pipeline(const Config& config, std::string_view body, double* stages) {
  double start = thread_cpu_ms();
  Result<std::vector<App>> apps = parse_apps(body);
  if (!apps) throw std::runtime_error("synthetic body refused: " + apps.error().message);
  double parsed = thread_cpu_ms();
  Model model = build_model(config, *apps);
  double modelled = thread_cpu_ms();
  std::string text = render_haproxy_config(config, model);
  double rendered = thread_cpu_ms();
  stages[0] = parsed - start;
  stages[1] = modelled - parsed;
  stages[2] = rendered - modelled;
  stages[3] = rendered - start;
  return text.size();
}

double bare_parse_ms(std::string_view body) {
  double start = thread_cpu_ms();
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  double took = thread_cpu_ms() - start;
  if (document.HasParseError() || !document.IsObject()) throw std::runtime_error("bare parse failed");
  return took;
}

StageTimes time_stages(const Config& config, std::string_view body) {
  std::vector<double> parse, model, render, total, bare;
  for (int run = 0; run < kRuns; ++run) {
    double stages[4];
    run_pipeline(config, body, stages);
    parse.push_back(stages[0]);
    model.push_back(stages[1]);
    render.push_back(stages[2]);
    total.push_back(stages[3]);
    bare.push_back(bare_parse_ms(body));
  }
  return {median(parse), median(model), median(render), median(total), median(bare)};
}

// The child of --rss-child: loads, parses, models and renders once; its ru_maxrss is the figure.
int rss_child(const std::string& config_path, const std::string& body_path) {
  Config config = load_config(read_file(config_path));
  std::string body = read_file(body_path);
  double stages[4];
  std::printf("%zu\n", run_pipeline(config, body, stages));
  return 0;
}

void pin_to_one_cpu() {
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  int cpu = sched_getcpu();
  CPU_SET(cpu < 0 ? 0 : cpu, &cpus);
  if (sched_setaffinity(0, sizeof cpus, &cpus) != 0) std::fprintf(stderr, "note: cannot pin to one CPU\n");
}

std::string self_path() {
  char path[4096];
  ssize_t length = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (length <= 0) throw std::runtime_error("cannot read /proc/self/exe");
  return std::string(path, static_cast<std::size_t>(length));
}

void report_size(const Size& size, const StageTimes& times, double body_bytes, double rss_bytes) {
  std::string name = fmt::format("generation {}×{}", size.label, kTasks);
  bool is_10k = size.apps == 10000;
  print_row({fmt::format("{} ({} body): parse / model / render", name, format_mb(body_bytes)),
             fmt::format("{:.1f} / {:.1f} / {:.1f} ms", times.parse, times.model, times.render), "", {}});
  print_row({name + ": total", format_ms(times.total), is_10k ? "≤ 100 ms" : "",
             is_10k ? std::optional(times.total <= 100) : std::nullopt});
  print_row({name + ": bare RapidJSON parse (floor)", format_ms(times.bare), "", {}});
  if (is_10k) {
    double ratio = times.total / times.bare;
    print_row({name + ": total / bare parse", fmt::format("{:.2f}×", ratio), "≤ 2.5×", ratio <= 2.5});
  }
  double limit = 3 * body_bytes + 20e6;
  print_row({name + ": peak RSS (fresh process)", format_mb(rss_bytes), "≤ 3×body + 20 MB = " + format_mb(limit),
             rss_bytes <= limit});
}

// skylrctl is single-threaded: its CPU time (user + system) is what it costs on an idle
// core, so that is the figure judged; the wall time is shown beside it.
void report_skylrctl(const TempDir& dir, const std::string& config_path, const std::string& body_path) {
  std::vector<double> cpu;
  std::vector<double> wall;
  for (int run = 0; run < kProcessRuns; ++run) {
    Finished done = run_to_end({skylrctl_path(), "render", "--config", config_path, "--apps", body_path, "-o",
                                dir.path("rendered.cfg")},
                               "/dev/null");
    if (done.exit_code != 0) throw std::runtime_error(fmt::format("skylrctl render exited {}", done.exit_code));
    cpu.push_back(done.cpu_ms);
    wall.push_back(done.wall_ms);
  }
  double cpu_ms = median(cpu);
  print_row({"skylrctl render 10k×3 as a whole process (fork/exec to exit)",
             fmt::format("{} CPU ({} wall)", format_ms(cpu_ms), format_ms(median(wall))), "≤ 250 ms",
             cpu_ms <= 250});
}

int run() {
  pin_to_one_cpu();
  TempDir dir;
  double total_10k = 0;
  for (const Size& size : kSizes) {
    std::string body = synthetic_marathon_answer(size.apps, kTasks);
    std::string config_path = dir.path(fmt::format("config-{}.json", size.apps));
    std::string body_path = dir.path(fmt::format("apps-{}.json", size.apps));
    write_file(config_path, every_app_config(size.apps));
    write_file(body_path, body);
    StageTimes times = time_stages(load_config(read_file(config_path)), body);
    Finished child = run_to_end({self_path(), "--rss-child", config_path, body_path}, "/dev/null");
    if (child.exit_code != 0) throw std::runtime_error(fmt::format("--rss-child exited {}", child.exit_code));
    report_size(size, times, static_cast<double>(body.size()), static_cast<double>(child.peak_rss_kb) * 1024);
    if (size.apps == 10000) {
      total_10k = times.total;
      report_skylrctl(dir, config_path, body_path);
    }
    if (size.apps == 30000) {
      double ratio = times.total / total_10k;
      print_row({"generation 30k/10k total time", fmt::format("{:.2f}×", ratio), "≤ 3.5× (linear: 3×)", ratio <= 3.5});
    }
  }
  return 0;
}

}  // namespace
}  // namespace skylr::bench

int main(int argc, char** argv) {
  return skylr::bench::run_benchmark("bench_generation", [&] {
    if (argc == 4 && std::string_view(argv[1]) == "--rss-child") return skylr::bench::rss_child(argv[2], argv[3]);
    return skylr::bench::run();
  });
}
