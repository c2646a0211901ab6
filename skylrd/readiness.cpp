#include "readiness.h"

#include <fmt/format.h>
#include <systemd/sd-daemon.h>

#include <algorithm>
#include <chrono>
#include <string>

namespace skylr {
namespace {

class SystemdReadiness final : public Readiness {
 public:
  void ready(std::string_view status) override {
    std::string line(status);
    std::replace(line.begin(), line.end(), '\n', ' ');
    notify(fmt::format("READY=1\nSTATUS={}", line));
  }

  // MONOTONIC_USEC lets a systemd that knows Type=notify-reload (253 and later) tell this
  // reload from an earlier one; systemd 252 ignores it.
  void reloading() override {
    auto now = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now().time_since_epoch());
    notify(fmt::format("RELOADING=1\nMONOTONIC_USEC={}", now.count()));
  }

  void stopping() override { notify("STOPPING=1"); }

 private:
  // Without $NOTIFY_SOCKET sd_notify does nothing; a failed send changes nothing for
  // skylrd either (systemd then times the start out, which says more than a log line).
  static void notify(const std::string& state) { ::sd_notify(0, state.c_str()); }
};

}  // namespace

Readiness& systemd_readiness() {
  static SystemdReadiness readiness;
  return readiness;
}

}  // namespace skylr
