#include "apps_answer_fault.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>

#include "app_validation.h"

namespace skylr::sim {
namespace {

constexpr int kMaxTimes = 1'000'000;

// The kind named `fault`, or nullopt.
std::optional<AppsAnswerFault::Kind> kind_named(std::string_view fault) {
  using Kind = AppsAnswerFault::Kind;
  if (fault == "none") return Kind::kNone;
  if (fault == "empty") return Kind::kEmpty;
  if (fault == "tasks-missing") return Kind::kTasksMissing;
  if (fault == "tasks-null") return Kind::kTasksNull;
  return std::nullopt;
}

// `times` as a count 1-kMaxTimes ("" is 1), or nullopt.
std::optional<int> times_of(std::string_view times) {
  if (times.empty()) return 1;
  int value = 0;
  auto [end, error] = std::from_chars(times.data(), times.data() + times.size(), value);
  if (error != std::errc() || end != times.data() + times.size() || value < 1 || value > kMaxTimes) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::optional<ApiError> AppsAnswerFault::set(std::string_view fault, std::string_view app, std::string_view times) {
  std::optional<Kind> kind = kind_named(fault);
  if (!kind) return message_error(400, "fault must be empty, tasks-missing, tasks-null or none");
  std::optional<int> count = times_of(times);
  if (!count) return message_error(400, "times must be an integer 1-1000000");
  std::string app_id;
  if (*kind == Kind::kTasksMissing || *kind == Kind::kTasksNull) {
    auto id = normalize_app_id(app);
    if (std::holds_alternative<ApiError>(id)) return message_error(400, "app must be an app id");
    app_id = std::get<std::string>(id);
  }
  std::lock_guard lock(mutex_);
  kind_ = *kind;
  app_id_ = std::move(app_id);
  left_ = *kind == Kind::kNone ? 0 : *count;
  return std::nullopt;
}

std::string AppsAnswerFault::apply(std::string answer) {
  std::lock_guard lock(mutex_);
  if (left_ == 0 || kind_ == Kind::kNone) return answer;
  --left_;
  if (kind_ == Kind::kEmpty) return R"({"apps":[]})";
  return break_tasks(answer);
}

std::string AppsAnswerFault::break_tasks(const std::string& answer) const {
  rapidjson::Document document;
  document.Parse(answer.c_str(), answer.size());
  if (!document.IsObject() || !document.HasMember("apps") || !document["apps"].IsArray()) return answer;
  for (auto& app : document["apps"].GetArray()) {
    if (!app.IsObject() || !app.HasMember("id") || app["id"] != app_id_.c_str()) continue;
    app.RemoveMember("tasks");
    if (kind_ == Kind::kTasksNull) app.AddMember("tasks", rapidjson::Value(), document.GetAllocator());
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  document.Accept(writer);
  return buffer.GetString();
}

}  // namespace skylr::sim
