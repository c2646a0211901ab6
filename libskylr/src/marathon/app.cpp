// Marathon apps: the reference readers of app answers, with embedded tasks, and parse_apps,
// parse_apps_with_tasks, parse_app and parse_app_with_tasks, which try the fast path first.
// The list and the one-app answers share the per-app readers.
#include <array>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "marathon/answers.h"
#include "marathon/fast_parse.h"
#include "marathon/health_check.h"
#include "marathon/json.h"
#include "marathon/networking.h"
#include "marathon/task.h"
#include "skylr/marathon.h"

namespace skylr::marathon {

using util::JsonPath;
using util::type_error;

namespace {

enum AppKey { kId, kInstances, kLabels, kTasks, kHealthChecks };
constexpr std::array<std::string_view, 5> kAppKeys = {"id", "instances", "labels", "tasks", "healthChecks"};
// What the app readers read, for parsing (marathon/filter.h); networking is kept whole.
constexpr auto kStoredAppKeys = join_keys(kAppKeys, kNetworkingKeys);
constexpr std::array<SchemaChild, 2> kAppChildren = {SchemaChild{"tasks", &kTaskArraySchema},
                                                     SchemaChild{"healthChecks", &kHealthCheckArraySchema}};
constexpr JsonSchema kAppSchema{JsonSchema::kObject, kStoredAppKeys, kAppChildren};
constexpr JsonSchema kAppArraySchema{JsonSchema::kArray, {}, {}, &kAppSchema};
// The member of a one-app answer, `{"app":{...}}`.
constexpr std::array<std::string_view, 1> kAppKey = {"app"};

// Reads `labels` (string -> string) when present; a non-string value fails naming its key.
Status read_labels(const Member& labels, std::map<std::string, std::string>& out) {
  if (Status status = check_optional_object(labels); !status || labels.value == nullptr) {
    return status;
  }
  for (const auto& member : labels.value->GetObject()) {
    std::string_view key(member.name.GetString(), member.name.GetStringLength());
    const rapidjson::Value& value = member.value;
    if (!value.IsString()) return type_error(labels.path.member(key), "a string", value);
    out.emplace(key, std::string_view(value.GetString(), value.GetStringLength()));
  }
  return {};
}

using AppMembers = Members<kAppKeys.size()>;

// Reads the app's required `id`.
Status read_id(const AppMembers& members, App& app) {
  if (members[kId].value == nullptr) return missing_key(members[kId].path);
  return read_optional_app_id(members[kId], app.id);
}

// Reads the app's members other than `id`.
Status read_rest(const rapidjson::Value& value, const JsonPath& path, const AppMembers& members, App& app) {
  Status status = read_optional(members[kInstances], app.instances);
  if (status) status = read_networking(value, path, app);
  if (status) status = read_labels(members[kLabels], app.labels);
  if (status) status = read_optional_array(members[kHealthChecks], app.health_checks, read_health_check);
  if (status) status = read_optional_array(members[kTasks], app.tasks, read_task);
  return status;
}

Status read_app(const rapidjson::Value& value, const JsonPath& path, App& app) {
  if (Status status = check_object(value, path); !status) return status;
  const AppMembers members(value, path, kAppKeys);
  Status status = read_id(members, app);
  if (status) status = read_rest(value, path, members, app);
  return status;
}

// Reads an app of an answer that embeds its tasks (`embed`: "apps.tasks" for the list,
// "app.tasks" for one app): fails only when its id cannot be read; any other error, or
// `tasks` missing or null, leaves the app with its id and `malformed` set.
Status read_app_with_tasks(const rapidjson::Value& value, const JsonPath& path, std::string_view embed,
                           App& app) {
  if (Status status = check_object(value, path); !status) return status;
  const AppMembers members(value, path, kAppKeys);
  if (Status status = read_id(members, app); !status) return status;
  Status status = members[kTasks].value != nullptr
                      ? read_rest(value, path, members, app)
                      : Status(Error{fmt::format("{}: missing or null, though the answer embeds {}",
                                                 members[kTasks].path.str(), embed)});
  if (!status) {
    App kept;
    kept.id = std::move(app.id);
    kept.malformed = status.error().message;
    app = std::move(kept);
  }
  return {};
}

// read_app_with_tasks for the answer that embeds `embed`, as a reader of parse_answer.
auto app_with_tasks_reader(std::string_view embed) {
  return [embed](const rapidjson::Value& value, const JsonPath& path, App& app) {
    return read_app_with_tasks(value, path, embed, app);
  };
}

// `{"apps":[...]}` read through a document, each app by `read`.
template <typename Reader>
Result<std::vector<App>> read_apps(std::string_view body, Reader read) {
  static constexpr std::array<std::string_view, 1> kKey = {"apps"};
  return parse_answer<std::vector<App>>(
      body, kKey, kAppArraySchema, [&](const rapidjson::Value& value, const JsonPath& path, std::vector<App>& apps) {
        return read_array(value, path, apps, read);
      });
}

}  // namespace

Result<std::vector<App>> read_apps_answer(std::string_view body) { return read_apps(body, read_app); }

Result<std::vector<App>> read_apps_with_tasks_answer(std::string_view body) {
  return read_apps(body, app_with_tasks_reader("apps.tasks"));
}

Result<App> read_app_answer(std::string_view body) {
  return parse_answer<App>(body, kAppKey, kAppSchema, read_app);
}

Result<App> read_app_with_tasks_answer(std::string_view body) {
  return parse_answer<App>(body, kAppKey, kAppSchema, app_with_tasks_reader("app.tasks"));
}

}  // namespace skylr::marathon

namespace skylr {

Result<std::vector<App>> parse_apps(std::string_view body) {
  if (auto apps = marathon::fast_parse_apps(body)) return std::move(*apps);
  return marathon::read_apps_answer(body);
}

Result<std::vector<App>> parse_apps_with_tasks(std::string_view body) {
  if (auto apps = marathon::fast_parse_apps(body, marathon::TasksMember::kRequired)) return std::move(*apps);
  return marathon::read_apps_with_tasks_answer(body);
}

Result<App> parse_app(std::string_view body) {
  if (auto app = marathon::fast_parse_app(body)) return std::move(*app);
  return marathon::read_app_answer(body);
}

Result<App> parse_app_with_tasks(std::string_view body) {
  if (auto app = marathon::fast_parse_app(body, marathon::TasksMember::kRequired)) return std::move(*app);
  return marathon::read_app_with_tasks_answer(body);
}

}  // namespace skylr
