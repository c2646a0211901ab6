// Fuzz target: Marathon's apps and tasks answers. The same bytes go to parse_apps,
// parse_app and parse_tasks; each either fails with a short one-line error or gives apps
// whose ids are absolute and canonical.
#include "fuzz_support.h"
#include "skylr/marathon.h"

namespace {

constexpr std::size_t kMaxError = 512;

void check_app(const skylr::App& app) {
  skylr::fuzz::require(app.id.starts_with('/') && skylr::normalize_app_id(app.id) == app.id,
                       "app id not absolute and canonical", app.id);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace skylr;
  std::string_view body = fuzz::as_text(data, size);
  if (auto apps = parse_apps(body); apps.ok()) {
    for (const App& app : *apps) check_app(app);
  } else {
    fuzz::require_loggable(apps.error(), kMaxError);
  }
  if (auto app = parse_app(body); app.ok()) {
    check_app(*app);
  } else {
    fuzz::require_loggable(app.error(), kMaxError);
  }
  if (auto tasks = parse_tasks(body); !tasks.ok()) fuzz::require_loggable(tasks.error(), kMaxError);
  return 0;
}
