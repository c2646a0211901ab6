#include "report.h"

#include <fmt/format.h>

#include <exception>
#include <cstdio>
#include <ctime>

namespace skylr::bench {

int run_benchmark(const char* name, const std::function<int()>& body) {
  try {
    return body();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s: %s\n", name, error.what());
    return 1;
  }
}

std::string met_text(std::optional<bool> met) {
  if (!met) return "—";
  return *met ? "yes" : "**NO**";
}

void print_row(const Row& row) {
  std::string target = row.target.empty() ? "—" : row.target;
  std::fputs(fmt::format("| {} | {} | {} | {} |\n", row.figure, row.value, target, met_text(row.met)).c_str(),
             stdout);
  std::fflush(stdout);
}

double elapsed_ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

double thread_cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

std::string format_ms(double milliseconds) {
  if (milliseconds < 10) return fmt::format("{:.2f} ms", milliseconds);
  if (milliseconds < 100) return fmt::format("{:.1f} ms", milliseconds);
  return fmt::format("{:.0f} ms", milliseconds);
}

std::string format_mb(double bytes) { return fmt::format("{:.1f} MB", bytes / 1e6); }

std::string format_bytes(double bytes) {
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KiB", bytes / 1024);
  return fmt::format("{:.1f} MiB", bytes / (1024 * 1024));
}

}  // namespace skylr::bench
