// Fuzz target: config and apps through build_model and render_haproxy_config. The input
// is a config, a NUL byte and an apps answer, or an apps answer alone for the fixed
// config. The rendered text must hold only lines the renderer means to write, with every
// server a running task of the input; reversing Marathon's order must not change it; every
// problem reported must be a short printable line.
#include <algorithm>

#include "fuzz_support.h"
#include "rendered_config_check.h"
#include "skylr/marathon.h"
#include "skylr/model.h"
#include "skylr/render.h"

namespace {

std::vector<skylr::App> reversed(std::vector<skylr::App> apps) {
  std::reverse(apps.begin(), apps.end());
  for (skylr::App& app : apps) std::reverse(app.tasks.begin(), app.tasks.end());
  return apps;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace skylr;
  auto [config_text, apps_text] = fuzz::split_render_input(fuzz::as_text(data, size));
  Result<Config> config = config_text ? parse_config(*config_text) : fuzz::fixed_config();
  if (!config.ok()) return 0;
  Result<std::vector<App>> apps = parse_apps(apps_text);
  if (!apps.ok()) return 0;
  Model model = build_model(*config, *apps);
  std::string text = render_haproxy_config(*config, model);
  fuzz::require_no_violations(fuzz::rendered_config_violations(*config, *apps, text), text);
  for (const Problem& problem : model.problems)
    fuzz::require_loggable(Error{problem.message}, 1024);
  std::string again = render_haproxy_config(*config, build_model(*config, reversed(*apps)));
  fuzz::require(again == text, "Marathon's order changed the rendered config", again);
  return 0;
}
