// AppsAnswerFault: a simulator-only fault of the `GET /v2/apps` answers, set with
// `POST /_sim/answers/apps`, for testing what a client does with a Marathon that answers
// an empty app list, or an app without its `tasks`, a given number of times: the next
// answers are rewritten, then the simulator answers truly again. Thread-safe.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "api_error.h"

namespace skylr::sim {

class AppsAnswerFault {
 public:
  // What the faulty answers do.
  enum class Kind {
    kNone,          // nothing: answers are true
    kEmpty,         // list no app: {"apps":[]}
    kTasksMissing,  // give one app without its `tasks` member
    kTasksNull,     // give one app with "tasks": null
  };

  // Sets the fault from the query of POST /_sim/answers/apps: `fault` is "empty",
  // "tasks-missing", "tasks-null" or "none"; `app` (an app id, needed by the tasks faults)
  // the app to break; `times` ("1" when empty) how many answers, at least 1. A 400 error
  // names what is wrong, and leaves the fault as it was.
  std::optional<ApiError> set(std::string_view fault, std::string_view app, std::string_view times);

  // `answer` (a GET /v2/apps body) with the fault applied while it has answers left, each
  // call using one up; `answer` unchanged otherwise.
  std::string apply(std::string answer);

 private:
  // `answer` with the tasks of app `app_id_` removed or null.
  std::string break_tasks(const std::string& answer) const;

  std::mutex mutex_;
  Kind kind_ = Kind::kNone;
  std::string app_id_;
  int left_ = 0;
};

}  // namespace skylr::sim
