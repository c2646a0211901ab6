// Marathon apps: parse_apps and parse_app, with embedded tasks.
#include <map>
#include <string>
#include <vector>

#include "marathon_json.h"
#include "marathon_networking.h"
#include "marathon_task.h"
#include "skylr/marathon.h"

namespace skylr {
namespace {

// Reads `labels` (string -> string) when present; a non-string value fails naming its key.
Status read_labels(const rapidjson::Value& app, const JsonPath& path,
                   std::map<std::string, std::string>& labels) {
  const rapidjson::Value* object = nullptr;
  Status status = find_object(app, "labels", path, object);
  if (!status || object == nullptr) return status;
  JsonPath labels_path = path.member("labels");
  for (const auto& member : object->GetObject()) {
    std::string_view key(member.name.GetString(), member.name.GetStringLength());
    const rapidjson::Value& value = member.value;
    if (!value.IsString()) return type_error(labels_path.member(key), "a string", value);
    labels.emplace(key, std::string_view(value.GetString(), value.GetStringLength()));
  }
  return {};
}

Status read_app(const rapidjson::Value& value, const JsonPath& path, App& app) {
  Status status = check_object(value, path);
  if (status && find_member(value, "id") == nullptr) return missing_key(path.member("id"));
  if (status) status = read_optional_app_id(value, "id", path, app.id);
  if (status) status = read_optional_int(value, "instances", path, app.instances);
  if (status) status = read_networking(value, path, app);
  if (status) status = read_labels(value, path, app.labels);
  if (status) status = read_array_member(value, "tasks", path, app.tasks, read_task);
  return status;
}

}  // namespace

Result<std::vector<App>> parse_apps(std::string_view body) {
  return parse_answer<std::vector<App>>(
      body, "apps", [](const rapidjson::Value& value, const JsonPath& path, std::vector<App>& apps) {
        return read_array(value, path, apps, read_app);
      });
}

Result<App> parse_app(std::string_view body) {
  return parse_answer<App>(body, "app", read_app);
}

}  // namespace skylr
