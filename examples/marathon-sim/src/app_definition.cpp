#include "app_definition.h"

#include <algorithm>
#include <array>
#include <tuple>
#include <type_traits>

namespace skylr::sim {
namespace {

using rapidjson::StringRef;
using rapidjson::Value;

constexpr std::array<std::string_view, 12> kComputedFields = {
    "id",           "version",       "versionInfo",    "tasks",
    "tasksStaged",  "tasksRunning",  "tasksHealthy",   "tasksUnhealthy",
    "deployments",  "lastTaskFailure", "readinessCheckResults", "taskStats"};

rapidjson::GenericStringRef<char> key_ref(std::string_view key) { return StringRef(key.data(), key.size()); }

// Value or const Value, following the constness of V (a Value or a Document).
template <typename V>
using ValueOf = std::conditional_t<std::is_const_v<V>, const Value, Value>;

// The member `key` of `*object` when `object` points to an object and the member is of `type`.
template <typename V>
ValueOf<V>* typed_member(V* object, std::string_view key, rapidjson::Type type) {
  if (object == nullptr || !object->IsObject()) return nullptr;
  auto it = object->FindMember(key_ref(key));
  return it != object->MemberEnd() && it->value.GetType() == type ? &it->value : nullptr;
}

// The member `key` of `object` when `object` is an object and the member an array.
template <typename V>
ValueOf<V>* array_member(V& object, std::string_view key) {
  return typed_member(&object, key, rapidjson::kArrayType);
}

// The port list that decides the task's ports, and its member holding the service port
// (none for the legacy "ports", a list of numbers): the first that lists any of
// portDefinitions, container.portMappings, container.docker.portMappings and ports (as
// Skylr reads them), else the first of them present.
template <typename V>
std::pair<ValueOf<V>*, const char*> port_list(V& definition) {
  auto* container = typed_member(&definition, "container", rapidjson::kObjectType);
  auto* docker = typed_member(container, "docker", rapidjson::kObjectType);
  const std::array<std::pair<ValueOf<V>*, const char*>, 4> lists = {{
      {array_member(definition, "portDefinitions"), "port"},
      {typed_member(container, "portMappings", rapidjson::kArrayType), "servicePort"},
      {typed_member(docker, "portMappings", rapidjson::kArrayType), "servicePort"},
      {array_member(definition, "ports"), nullptr},
  }};
  for (const auto& list : lists) {
    if (list.first != nullptr && !list.first->Empty()) return list;
  }
  for (const auto& list : lists) {
    if (list.first != nullptr) return list;
  }
  return {nullptr, nullptr};
}

// Sets the member `name` of `object` to `value`, in place when present (member order stays).
void set_member(Value& object, Value name, Value value, rapidjson::Document::AllocatorType& alloc) {
  auto it = object.FindMember(name);
  if (it != object.MemberEnd()) {
    it->value = value;
  } else {
    object.AddMember(name, value, alloc);
  }
}

int int_member(const Value& object, const char* key) {
  if (!object.IsObject()) return 0;
  auto it = object.FindMember(key);
  return it != object.MemberEnd() && it->value.IsInt() ? it->value.GetInt() : 0;
}

void add_default_port(rapidjson::Document& definition) {
  auto& alloc = definition.GetAllocator();
  Value port(rapidjson::kObjectType);
  port.AddMember("port", 0, alloc);
  port.AddMember("protocol", "tcp", alloc);
  port.AddMember("name", "default", alloc);
  port.AddMember("labels", Value(rapidjson::kObjectType), alloc);
  Value ports(rapidjson::kArrayType);
  ports.PushBack(port, alloc);
  definition.AddMember("portDefinitions", ports, alloc);
}

}  // namespace

rapidjson::Document new_app_definition(std::string_view id) {
  rapidjson::Document definition(rapidjson::kObjectType);
  auto& alloc = definition.GetAllocator();
  definition.AddMember("id", Value(id.data(), static_cast<rapidjson::SizeType>(id.size()), alloc), alloc);
  definition.AddMember("instances", 1, alloc);
  definition.AddMember("cpus", 1.0, alloc);
  definition.AddMember("mem", 128.0, alloc);
  definition.AddMember("disk", 0.0, alloc);
  definition.AddMember("env", Value(rapidjson::kObjectType), alloc);
  definition.AddMember("labels", Value(rapidjson::kObjectType), alloc);
  definition.AddMember("healthChecks", Value(rapidjson::kArrayType), alloc);
  definition.AddMember("killSelection", "YOUNGEST_FIRST", alloc);
  return definition;
}

void merge_app_update(rapidjson::Document& definition, const rapidjson::Value& update) {
  auto& alloc = definition.GetAllocator();
  for (const auto& member : update.GetObject()) {
    std::string_view key(member.name.GetString(), member.name.GetStringLength());
    if (std::find(kComputedFields.begin(), kComputedFields.end(), key) != kComputedFields.end()) continue;
    set_member(definition, Value(member.name, alloc), Value(member.value, alloc), alloc);
  }
}

void complete_ports(rapidjson::Document& definition, const std::function<int()>& next_service_port) {
  auto [list, key] = port_list(definition);
  if (list == nullptr) {
    add_default_port(definition);
    std::tie(list, key) = port_list(definition);
  }
  if (key == nullptr) return;
  for (auto& port : list->GetArray()) {
    if (!port.IsObject() || int_member(port, key) != 0) continue;
    set_member(port, Value(StringRef(key)), Value(next_service_port()), definition.GetAllocator());
  }
}

int app_instances(const rapidjson::Value& definition) { return int_member(definition, "instances"); }

void set_app_instances(rapidjson::Document& definition, int instances) {
  set_member(definition, Value("instances"), Value(instances), definition.GetAllocator());
}

bool same_config(const rapidjson::Value& a, const rapidjson::Value& b) {
  rapidjson::Document left;
  rapidjson::Document right;
  left.CopyFrom(a, left.GetAllocator());
  right.CopyFrom(b, right.GetAllocator());
  left.RemoveMember("instances");
  right.RemoveMember("instances");
  return left == right;
}

std::size_t app_port_count(const rapidjson::Value& definition) {
  auto [list, key] = port_list(definition);
  return list == nullptr || list->Empty() ? 1 : list->Size();
}

std::vector<int> app_service_ports(const rapidjson::Value& definition) {
  auto [list, key] = port_list(definition);
  std::vector<int> ports;
  if (list == nullptr) return ports;
  for (const auto& port : list->GetArray()) {
    ports.push_back(key == nullptr ? (port.IsInt() ? port.GetInt() : 0) : int_member(port, key));
  }
  return ports;
}

bool has_health_checks(const rapidjson::Value& definition) {
  const auto* checks = array_member(definition, "healthChecks");
  return checks != nullptr && !checks->Empty();
}

bool launch_requested(const rapidjson::Value& definition) {
  if (!definition.IsObject()) return false;
  auto labels = definition.FindMember("labels");
  return labels != definition.MemberEnd() && string_member(labels->value, kLaunchLabel) == "true";
}

std::string string_member(const rapidjson::Value& object, std::string_view key) {
  if (!object.IsObject()) return {};
  auto it = object.FindMember(key_ref(key));
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

}  // namespace skylr::sim
