#include "marathon/deployment.h"

#include "util/json_read.h"

namespace skylr::marathon {

using util::JsonPath;

using util::find_member;
using util::parse_json;
using util::read_int;
using util::read_string;
using util::type_error;
namespace {

constexpr int kMaxSteps = 1000000;

Result<std::vector<std::string>> read_strings(const rapidjson::Value& value, const JsonPath& path) {
  if (!value.IsArray()) return type_error(path, "an array", value);
  std::vector<std::string> strings;
  for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
    Result<std::string> text = read_string(value[i], path.element(i));
    if (!text) return text.error();
    strings.push_back(std::move(*text));
  }
  return strings;
}

// Reads the optional member `key` of `object` into `out` with `read`; fails as `read` does.
template <typename T, typename Reader>
Status read_optional(const rapidjson::Value& object, const JsonPath& path, const char* key, T& out,
                     Reader read) {
  const rapidjson::Value* value = find_member(object, key);
  if (value == nullptr) return {};
  Result<T> read_value = read(*value, path.member(key));
  if (!read_value) return read_value.error();
  out = std::move(*read_value);
  return {};
}

Result<Deployment> read_deployment(const rapidjson::Value& entry, const JsonPath& path) {
  if (!entry.IsObject()) return type_error(path, "an object", entry);
  const rapidjson::Value* id = find_member(entry, "id");
  if (id == nullptr) return Error{path.str() + ": no \"id\""};
  Deployment deployment;
  auto steps = [](const rapidjson::Value& value, const JsonPath& at) {
    return read_int(value, at, 0, kMaxSteps);
  };
  for (Status status : {read_optional(entry, path, "id", deployment.id, read_string),
                        read_optional(entry, path, "version", deployment.version, read_string),
                        read_optional(entry, path, "affectedApps", deployment.affected_apps, read_strings),
                        read_optional(entry, path, "currentStep", deployment.current_step, steps),
                        read_optional(entry, path, "totalSteps", deployment.total_steps, steps)}) {
    if (!status) return status.error();
  }
  return deployment;
}

}  // namespace

Result<std::vector<Deployment>> parse_deployments(std::string_view body) {
  Result<rapidjson::Document> document = parse_json(body, "GET /v2/deployments");
  if (!document) return document.error();
  JsonPath root;
  if (!document->IsArray()) return type_error(root, "an array", *document);
  std::vector<Deployment> deployments;
  for (rapidjson::SizeType i = 0; i < document->Size(); ++i) {
    Result<Deployment> deployment = read_deployment((*document)[i], root.element(i));
    if (!deployment) return deployment.error();
    deployments.push_back(std::move(*deployment));
  }
  return deployments;
}

Result<AppVersions> parse_app_versions(std::string_view body) {
  Result<rapidjson::Document> document = parse_json(body, "app");
  if (!document) return document.error();
  JsonPath root;
  if (!document->IsObject()) return type_error(root, "an object", *document);
  JsonPath app_path = root.member("app");
  const rapidjson::Value* app = find_member(*document, "app");
  if (app == nullptr) return Error{app_path.str() + ": required key is missing"};
  if (!app->IsObject()) return type_error(app_path, "an object", *app);
  AppVersions versions;
  if (Status status = read_optional(*app, app_path, "version", versions.version, read_string); !status) {
    return status.error();
  }
  JsonPath info_path = app_path.member("versionInfo");
  const rapidjson::Value* info = find_member(*app, "versionInfo");
  if (info == nullptr) return versions;
  if (!info->IsObject()) return type_error(info_path, "an object", *info);
  for (Status status :
       {read_optional(*info, info_path, "lastConfigChangeAt", versions.last_config_change_at, read_string),
        read_optional(*info, info_path, "lastScalingAt", versions.last_scaling_at, read_string)}) {
    if (!status) return status.error();
  }
  return versions;
}

bool update_in_effect(const AppVersions& app, std::string_view version) {
  return !version.empty() &&
         (app.version == version || app.last_config_change_at == version || app.last_scaling_at == version);
}

const Deployment* find_deployment(const std::vector<Deployment>& deployments, std::string_view id) {
  for (const Deployment& deployment : deployments) {
    if (deployment.id == id) return &deployment;
  }
  return nullptr;
}

}  // namespace skylr::marathon
