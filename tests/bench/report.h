// Benchmark report rows and the statistics behind them. Every benchmark program prints
// its figures on stdout as Markdown table rows, `| figure | value | target | met? |`,
// one per line and nothing else; notes and progress go to stderr. scripts/bench gathers
// the rows of every program into one table, so a new benchmark only has to follow this.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "statistics.h"

namespace skylr::bench {

using Clock = std::chrono::steady_clock;

// One row of the results table.
struct Row {
  std::string figure;       // what was measured, e.g. "generation 10k×3: total"
  std::string value;        // the measurement with its unit
  std::string target;       // the target, or "" when the figure is for information
  std::optional<bool> met;  // nullopt when there is no target
};

// A benchmark program's main: runs `body` and returns its exit code, or prints
// "<name>: <what>" on stderr and returns 1 when it throws.
int run_benchmark(const char* name, const std::function<int()>& body);

// Prints `row` as a Markdown table row on stdout (flushed, so a crash later keeps it).
void print_row(const Row& row);

// "yes", "**NO**" or "—" for a row's met? column.
std::string met_text(std::optional<bool> met);

// median() and percentile(), shared with the soak.
using testing::median;
using testing::percentile;

// Milliseconds from `since` until now.
double elapsed_ms(Clock::time_point since);

// CPU time used by the calling thread so far, in milliseconds: unlike wall time, it does
// not grow when other programs on the machine take the CPU.
double thread_cpu_ms();

// "12.3 ms" with a precision that suits the magnitude.
std::string format_ms(double milliseconds);

// "1.23 MB" (10^6 bytes).
std::string format_mb(double bytes);

// "12.3 KiB" below a MiB, else "33.6 MiB".
std::string format_bytes(double bytes);

}  // namespace skylr::bench
