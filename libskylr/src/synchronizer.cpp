#include "skylr/synchronizer.h"

#include "skylr/render.h"

namespace skylr {
namespace {

std::chrono::milliseconds since(const Clock& clock, std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock.now() - start);
}

}  // namespace

SyncReport synchronize(const Config& config, MarathonClient& marathon, ConfigApplier& applier,
                       const Clock& clock) {
  SyncReport report;
  auto start = clock.now();
  Result<std::vector<App>> apps = marathon.fetch_apps();
  report.fetch_duration = since(clock, start);
  if (!apps) {
    report.fetch_error = apps.error().message;
  } else {
    report.model = build_model(config, *apps);
    report.apply = applier.apply(render_haproxy_config(config, report.model));
  }
  report.total_duration = since(clock, start);
  return report;
}

}  // namespace skylr
