// skylr_soak: the chaos soak of issue 12 (see tests/soak/README.md). Exit code 0 when every
// verdict passed, 1 when one failed, 2 when the harness failed or the command line is
// wrong. SIGINT/SIGTERM end the faults early; the report and the clean-up still run.
#include <sys/prctl.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <stdexcept>

#include <fmt/format.h>

#include "soak_options.h"
#include "soak_run.h"

namespace {

std::atomic<bool> interrupted{false};

extern "C" void on_signal(int) { interrupted = true; }

// Signals end the run gracefully; writes to closed sockets fail instead of killing it;
// HAProxy processes orphaned by a skylrd that died become this process's children, so
// that it can reap them (see HaproxyWatch).
void set_up_process() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
}

}  // namespace

int main(int argc, char** argv) {
  bool help = false;
  auto options = skylr::soak::parse_soak_options(argc, argv, help);
  if (!options) {
    fmt::print(help ? stdout : stderr, "{}\n", options.error().message);
    return help ? 0 : 2;
  }
  set_up_process();
  fmt::print(stderr, "soak: seed {} ({} min; reproduce the schedule with --seed {})\n", options->seed,
             options->minutes, options->seed);
  try {
    return skylr::soak::run_soak(*options, interrupted);
  } catch (const std::exception& error) {
    fmt::print(stderr, "soak: harness failure: {}\n", error.what());
    return 2;
  }
}
