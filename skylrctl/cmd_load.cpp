#include "cmd_load.h"

#include <fmt/format.h>

#include "skylr/config.h"
#include "skylr/file_system.h"

namespace skylr {

Result<Config> load_config(const std::string& path) {
  return load_config_file(default_file_system(), path);
}

Result<std::vector<App>> load_apps(const std::string& path) {
  auto text = default_file_system().read_file(path);
  if (!text) return text.error();
  auto apps = parse_apps(*text);
  if (!apps) return prefix_lines(path, apps.error());
  return apps;
}

void report_left_out(const Config& config, const Model& model, std::ostream& err) {
  for (const ServiceBackends& backends : model.services) {
    auto service = config.services.find(backends.service);
    bool listed = service != config.services.end() && service->second.origin == ServiceOrigin::kConfig;
    if (backends.app_found || !listed) continue;
    err << fmt::format("warning: service {}: Marathon has no app {}; its backends are empty\n",
                       backends.service, service->second.app_id);
  }
  for (const Problem& problem : model.problems) {
    std::string_view what = problem.kind == ProblemKind::kTaskLeftOut ? "task left out: " : "";
    err << fmt::format("warning: {}{}\n", what, problem.message);
  }
}

}  // namespace skylr
