#include "sync/answer_check.h"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <utility>

#include "model/diff.h"
#include "model/drastic_change.h"

namespace skylr::sync {

using model::diff_models;
using model::drastic_change;

namespace {

// Records `verdict` with `detail` in `report`.
void judge(SyncReport& report, AnswerVerdict verdict, std::string detail) {
  report.verdict = verdict;
  report.verdict_detail = std::move(detail);
}

}  // namespace

void check_answer(const Config& config, MarathonClient& marathon, const Model& served, SyncReport& report) {
  const double share = config.reload.max_removed_share;
  std::optional<std::string> first = drastic_change(served, report.model, share);
  if (!first) return judge(report, AnswerVerdict::kTrusted, "");
  const std::string drastic = "Marathon's answer was drastic: " + *first;
  Result<AppsFrom> again = marathon.fetch_apps_from_another();
  if (!again.ok()) {
    report.model = served;
    return judge(report, AnswerVerdict::kRefused,
                 fmt::format("{}, and a second read failed: {}", drastic, again.error().message));
  }
  Model second = build_model(config, again->apps, served);
  if (diff_models(report.model, second).empty()) {
    return judge(report, AnswerVerdict::kConfirmed,
                 fmt::format("{}; a second read from {} confirmed it", drastic, again->origin));
  }
  std::optional<std::string> still = drastic_change(served, second, share);
  if (!still) {
    report.model = std::move(second);
    return judge(report, AnswerVerdict::kCorrected,
                 fmt::format("{}; a second read from {} was not, and is applied instead", drastic, again->origin));
  }
  report.model = served;
  judge(report, AnswerVerdict::kRefused,
        fmt::format("{}; a second read from {} differed, and {} too", drastic, again->origin, *still));
}

}  // namespace skylr::sync
