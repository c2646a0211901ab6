// The soak's report on stdout: the traffic (sent, failed by cause and excuse, misrouted),
// HAProxy's restarts and outages, the recovery time of every kind of step (count, max,
// p99, how many over the bound), and one verdict line per criterion. Any failed verdict
// fails the run.
#pragma once

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "answer_check.h"
#include "failure_attribution.h"
#include "fault_journal.h"
#include "soak_options.h"
#include "soak_time.h"

namespace skylr::soak {

// Everything the report tells.
struct SoakResults {
  SoakOptions options;
  TimePoint start;                       // when faults began
  double fault_seconds = 0;              // how long faults were injected
  std::vector<std::string> app_ids;
  Tally tally;
  Attribution attribution;
  std::vector<Misroute> misroutes;
  std::vector<StepRecord> steps;
  int haproxy_masters = 0;               // distinct masters that served
  std::vector<Interval> haproxy_outages;
  std::vector<std::string> skylrd_deaths;
  std::map<std::string, int> skips;      // faults due with nothing to act on, by kind
  int truth_polls = 0;
  int truth_failed_polls = 0;
  std::string final_state;               // "" when the system had recovered at the end
};

// Prints the report to `out`; true when every verdict passed.
bool print_report(const SoakResults& results, std::FILE* out);

}  // namespace skylr::soak
