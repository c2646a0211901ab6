#include "skylr/marathon_deployment.h"

#include "json_read.h"

namespace skylr {
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

const Deployment* find_deployment(const std::vector<Deployment>& deployments, std::string_view id) {
  for (const Deployment& deployment : deployments) {
    if (deployment.id == id) return &deployment;
  }
  return nullptr;
}

}  // namespace skylr
