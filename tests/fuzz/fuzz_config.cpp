// Fuzz target: the config loader. Any text either fails with a loggable error (one
// problem per line) or gives a config whose rendering, with no apps, has only lines the
// renderer means to write: no config value can inject a directive.
#include "fuzz_support.h"
#include "rendered_config_check.h"
#include "skylr/model.h"
#include "skylr/render.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace skylr;
  Result<Config> config = parse_config(fuzz::as_text(data, size));
  if (!config.ok()) {
    fuzz::require_loggable(config.error(), 64 * size + 4096, true);
    return 0;
  }
  std::string text = render_haproxy_config(*config, build_model(*config, {}));
  fuzz::require_no_violations(fuzz::rendered_config_violations(*config, {}, text), text);
  return 0;
}
