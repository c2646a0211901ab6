#include "sim_tasks.h"

#include <fmt/format.h>
#include <rapidjson/document.h>

#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "http_call.h"

namespace skylr::bench {
namespace {

// The string member `key` of `object`, or "" when it is absent or not a string.
std::string string_at(const rapidjson::Value& object, const char* key) {
  auto member = object.FindMember(key);
  return member != object.MemberEnd() && member->value.IsString() ? member->value.GetString() : "";
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_utc_millis(const std::string& text) {
  std::tm utc{};
  int millis = 0;
  int read = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &utc.tm_year, &utc.tm_mon, &utc.tm_mday,
                         &utc.tm_hour, &utc.tm_min, &utc.tm_sec, &millis);
  if (read != 7) return std::nullopt;
  utc.tm_year -= 1900;
  utc.tm_mon -= 1;
  return std::chrono::system_clock::from_time_t(::timegm(&utc)) + std::chrono::milliseconds(millis);
}

std::vector<SimTask> sim_app_tasks(int sim_port, const std::string& app_id) {
  testing::HttpAnswer answer = testing::http_call(sim_port, "GET", fmt::format("/v2/apps{}/tasks", app_id));
  rapidjson::Document document;
  document.Parse(answer.body.data(), answer.body.size());
  if (answer.status != 200 || document.HasParseError() || !document.IsObject() || !document.HasMember("tasks") ||
      !document["tasks"].IsArray()) {
    throw std::runtime_error(
        fmt::format("GET /v2/apps{}/tasks: {} {}{}", app_id, answer.status, answer.error, answer.body.substr(0, 200)));
  }
  std::vector<SimTask> tasks;
  for (const auto& task : document["tasks"].GetArray()) {
    if (!task.IsObject()) continue;
    SimTask view{string_at(task, "id"), string_at(task, "state"), string_at(task, "host"), 0,
                 parse_utc_millis(string_at(task, "startedAt"))};
    auto ports = task.FindMember("ports");
    if (ports != task.MemberEnd() && ports->value.IsArray() && !ports->value.Empty() && ports->value[0].IsInt()) {
      view.port = ports->value[0].GetInt();
    }
    tasks.push_back(std::move(view));
  }
  return tasks;
}

}  // namespace skylr::bench
