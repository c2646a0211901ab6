// Fuzz target: Marathon's apps and tasks answers. The same bytes go to parse_apps,
// parse_apps_with_tasks, parse_app, parse_app_with_tasks and parse_tasks; each either fails
// with a short one-line error or gives apps whose ids are absolute and canonical. Where the
// fast path (marathon/fast_parse.h) takes the bytes, the reference readers
// (marathon/answers.h) must give the same value.
#include "fuzz_support.h"
#include "marathon/answers.h"
#include "marathon/fast_parse.h"
#include "skylr/marathon.h"

namespace {

constexpr std::size_t kMaxError = 512;

void check_app(const skylr::App& app) {
  skylr::fuzz::require(app.id.starts_with('/') && skylr::normalize_app_id(app.id) == app.id,
                       "app id not absolute and canonical", app.id);
}

// When the fast path gave `fast`, the reference readers' `reference` must be the same value.
template <typename T>
void require_same(const std::optional<T>& fast, const skylr::Result<T>& reference, std::string_view what) {
  if (!fast) return;
  skylr::fuzz::require(reference.ok(), "fast path took what the reference readers refuse", what);
  skylr::fuzz::require(*fast == *reference, "fast path and reference readers disagree", what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace skylr;
  using namespace skylr::marathon;
  std::string_view body = fuzz::as_text(data, size);
  if (auto apps = parse_apps(body); apps.ok()) {
    for (const App& app : *apps) check_app(app);
  } else {
    fuzz::require_loggable(apps.error(), kMaxError);
  }
  if (auto apps = parse_apps_with_tasks(body); apps.ok()) {
    for (const App& app : *apps) {
      check_app(app);
      if (!app.malformed.empty()) fuzz::require_loggable(Error{app.malformed}, kMaxError);
    }
  } else {
    fuzz::require_loggable(apps.error(), kMaxError);
  }
  if (auto app = parse_app(body); app.ok()) {
    check_app(*app);
  } else {
    fuzz::require_loggable(app.error(), kMaxError);
  }
  if (auto app = parse_app_with_tasks(body); app.ok()) {
    check_app(*app);
    if (!app->malformed.empty()) fuzz::require_loggable(Error{app->malformed}, kMaxError);
  } else {
    fuzz::require_loggable(app.error(), kMaxError);
  }
  if (auto tasks = parse_tasks(body); !tasks.ok()) fuzz::require_loggable(tasks.error(), kMaxError);
  require_same(fast_parse_apps(body), read_apps_answer(body), "apps");
  require_same(fast_parse_apps(body, TasksMember::kRequired), read_apps_with_tasks_answer(body), "apps with tasks");
  require_same(fast_parse_app(body), read_app_answer(body), "app");
  require_same(fast_parse_app(body, TasksMember::kRequired), read_app_with_tasks_answer(body), "app with tasks");
  require_same(fast_parse_tasks(body), read_tasks_answer(body), "tasks");
  return 0;
}
