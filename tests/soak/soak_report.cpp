#include "soak_report.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "statistics.h"

namespace skylr::soak {
namespace {

// "+12.3 s": a time as seconds since the faults began.
std::string since_start(const SoakResults& results, TimePoint at) {
  return fmt::format("+{:.1f} s", ms_between(results.start, at) / 1000);
}

std::string fault_names(const std::vector<FaultKind>& kinds) {
  std::vector<std::string_view> names;
  for (FaultKind kind : kinds) names.push_back(fault_name(kind));
  return fmt::format("{}", fmt::join(names, ","));
}

void print_traffic(const SoakResults& results, std::FILE* out) {
  const Tally& tally = results.tally;
  fmt::print(out, "requests sent          {}\n", tally.sent);
  fmt::print(out, "answered by a task     {}\n", tally.answered_ok);
  fmt::print(out, "failed                 {}\n", tally.failed);
  fmt::print(out, "misrouted              {}\n", tally.misrouted);
  if (tally.unjudged > 0) fmt::print(out, "not judged (no poll)   {}\n", tally.unjudged);
  fmt::print(out, "\n| failure cause | count | while HAProxy was down | while the service's tasks changed | unexpected |\n");
  fmt::print(out, "| --- | ---: | ---: | ---: | ---: |\n");
  for (const auto& [cause, counts] : results.attribution.by_cause) {
    fmt::print(out, "| {} | {} | {} | {} | {} |\n", failure_name(cause), counts.total, counts.haproxy_down,
               counts.tasks_changing, counts.unexpected);
  }
  const ExcuseCounts& all = results.attribution.all;
  fmt::print(out, "| all | {} | {} | {} | {} |\n\n", all.total, all.haproxy_down, all.tasks_changing, all.unexpected);
}

void print_processes(const SoakResults& results, std::FILE* out) {
  double longest = 0;
  double total = 0;
  for (const auto& outage : results.haproxy_outages) {
    longest = std::max(longest, ms_between(outage.from, outage.to));
    total += ms_between(outage.from, outage.to);
  }
  fmt::print(out, "HAProxy restarts observed  {} ({} masters served)\n", std::max(0, results.haproxy_masters - 1),
             results.haproxy_masters);
  fmt::print(out, "HAProxy outages            {} (no master with a worker), longest {:.0f} ms, {:.1f} s in all\n",
             results.haproxy_outages.size(), longest, total / 1000);
  fmt::print(out, "skylrd exits by itself     {}\n", results.skylrd_deaths.size());
  if (!results.skips.empty()) {
    std::vector<std::string> skips;
    for (const auto& [name, count] : results.skips) skips.push_back(fmt::format("{} ×{}", name, count));
    fmt::print(out, "faults skipped             {} (nothing to act on: no HAProxy process, no app with a spare task)\n",
               fmt::join(skips, ", "));
  }
  fmt::print(out, "Marathon polls             {} ({} failed)\n\n", results.truth_polls, results.truth_failed_polls);
}

// Per row label, in order of first appearance: the steps' recovery times.
struct RecoveryRow {
  std::string label;
  std::vector<double> samples;
  int unrecovered = 0;
  int over_bound = 0;
};

std::vector<RecoveryRow> recovery_rows(const SoakResults& results) {
  std::vector<RecoveryRow> rows;
  for (const auto& step : results.steps) {
    auto row = std::find_if(rows.begin(), rows.end(), [&](const RecoveryRow& r) { return r.label == step.label; });
    if (row == rows.end()) row = rows.insert(rows.end(), RecoveryRow{step.label, {}, 0, 0});
    if (step.recovery_ms) {
      row->samples.push_back(*step.recovery_ms);
      if (*step.recovery_ms > results.options.recovery_bound_ms) ++row->over_bound;
    } else {
      ++row->unrecovered;
      ++row->over_bound;
    }
  }
  return rows;
}

void print_recoveries(const std::vector<RecoveryRow>& rows, const SoakResults& results, std::FILE* out) {
  fmt::print(out, "| step (time to recover) | count | recovered | max | p99 | over {} ms |\n",
             results.options.recovery_bound_ms);
  fmt::print(out, "| --- | ---: | ---: | ---: | ---: | ---: |\n");
  for (const auto& row : rows) {
    std::string max = row.unrecovered > 0 ? fmt::format("> {} ms", results.options.recovery_cap_ms)
                                          : fmt::format("{:.0f} ms", testing::percentile(row.samples, 100));
    std::string p99 = row.samples.empty() ? "—" : fmt::format("{:.0f} ms", testing::percentile(row.samples, 99));
    if (row.unrecovered > 0 && 100.0 * row.unrecovered / static_cast<double>(row.samples.size() + row.unrecovered) > 1) {
      p99 = max;
    }
    fmt::print(out, "| {} | {} | {} | {} | {} | {} |\n", row.label, row.samples.size() + row.unrecovered,
               row.samples.size(), max, p99, row.over_bound);
  }
  fmt::print(out, "\n");
}

bool verdict_misroutes(const SoakResults& results, std::FILE* out) {
  bool pass = results.misroutes.empty();
  fmt::print(out, "VERDICT misroutes: {} — {} answer(s) from a task Marathon did not list as running and healthy within {} ms\n",
             pass ? "PASS" : "FAIL", results.misroutes.size(),
             results.options.kill_grace_ms + results.options.grace_margin_ms);
  for (std::size_t i = 0; i < std::min<std::size_t>(results.misroutes.size(), 5); ++i) {
    const Misroute& m = results.misroutes[i];
    fmt::print(out, "  {} {}: answered by {} ({})\n", since_start(results, m.sent), results.app_ids[m.service],
               m.task_id, m.why);
  }
  return pass;
}

bool verdict_failures(const SoakResults& results, std::FILE* out) {
  const auto& unexpected = results.attribution.unexpected;
  bool pass = unexpected.empty();
  fmt::print(out, "VERDICT failures: {} — {} request(s) failed to a service whose tasks had not changed within {} ms while HAProxy ran\n",
             pass ? "PASS" : "FAIL", unexpected.size(), results.options.recovery_bound_ms);
  for (std::size_t i = 0; i < std::min<std::size_t>(unexpected.size(), 5); ++i) {
    const FailedRequest& f = unexpected[i];
    fmt::print(out, "  {} {}: {}\n", since_start(results, f.sent), results.app_ids[f.service], failure_name(f.failure));
  }
  return pass;
}

bool verdict_recovery(const std::vector<RecoveryRow>& rows, const SoakResults& results, std::FILE* out) {
  int over = 0;
  std::vector<std::string> slow;
  for (const auto& row : rows) {
    over += row.over_bound;
    if (row.over_bound > 0) slow.push_back(fmt::format("{} ({} of {})", row.label, row.over_bound, row.samples.size() + row.unrecovered));
  }
  bool pass = over == 0 && results.final_state.empty();
  fmt::print(out, "VERDICT recovery ≤ {} ms: {} — {} of {} step(s) took longer or did not recover{}{}\n",
             results.options.recovery_bound_ms, pass ? "PASS" : "FAIL", over, results.steps.size(),
             slow.empty() ? "" : ": ", fmt::join(slow, ", "));
  for (const auto& step : results.steps) {
    if (!step.recovery_ms) {
      fmt::print(out, "  {} {} ({}): still wrong after {} ms: {}\n", since_start(results, step.at), step.label,
                 step.detail, results.options.recovery_cap_ms, step.not_recovered);
    }
  }
  if (!results.final_state.empty()) fmt::print(out, "  at the end: {}\n", results.final_state);
  return pass;
}

bool verdict_skylrd(const SoakResults& results, std::FILE* out) {
  bool pass = results.skylrd_deaths.empty();
  fmt::print(out, "VERDICT skylrd alive: {} — skylrd ended by itself {} time(s)\n", pass ? "PASS" : "FAIL",
             results.skylrd_deaths.size());
  for (const auto& death : results.skylrd_deaths) fmt::print(out, "  {}\n", death);
  return pass;
}

}  // namespace

bool print_report(const SoakResults& results, std::FILE* out) {
  const SoakOptions& options = results.options;
  fmt::print(out, "\n== skylr soak: seed {}, {:.1f} min of faults ({}), {} services ==\n", options.seed,
             results.fault_seconds / 60, fault_names(options.faults), results.app_ids.size());
  fmt::print(out, "a task may answer up to {} ms after Marathon last listed it (kill grace {} ms + {} ms); failures are "
                  "excused for {} ms after a service's tasks change\n\n",
             options.kill_grace_ms + options.grace_margin_ms, options.kill_grace_ms, options.grace_margin_ms,
             options.recovery_bound_ms);
  print_traffic(results, out);
  print_processes(results, out);
  auto rows = recovery_rows(results);
  print_recoveries(rows, results, out);
  bool pass = verdict_misroutes(results, out);
  pass = verdict_failures(results, out) && pass;
  pass = verdict_recovery(rows, results, out) && pass;
  pass = verdict_skylrd(results, out) && pass;
  if (pass) {
    fmt::print(out, "soak: PASS (seed {})\n", options.seed);
  } else {
    fmt::print(out, "soak: FAIL — reproduce with: scripts/soak {} --seed {} --faults={}\n", options.minutes, options.seed,
               fault_names(options.faults));
  }
  std::fflush(out);
  return pass;
}

}  // namespace skylr::soak
