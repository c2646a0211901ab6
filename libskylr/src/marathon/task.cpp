// Marathon tasks: ids, where they run, their ports and addresses, state and health.
#include "marathon/task.h"

#include <array>
#include <string_view>
#include <utility>
#include <vector>

#include "marathon/answers.h"
#include "marathon/fast_parse.h"
#include "marathon/json.h"

namespace skylr::marathon {

using util::JsonPath;

using util::read_bool;
using util::type_error;
namespace {

enum TaskKey { kId, kAppId, kHost, kPorts, kIpAddresses, kState, kStartedAt, kHealth };
constexpr std::array<std::string_view, 8> kTaskKeys = {
    "id", "appId", "host", "ports", "ipAddresses", "state", "startedAt", "healthCheckResults"};
constexpr std::array<std::string_view, 2> kIpAddressKeys = {"ipAddress", "protocol"};
constexpr std::array<std::string_view, 1> kHealthKeys = {"alive"};

// What the readers below read, for parsing (marathon/filter.h).
constexpr JsonSchema kIpAddressSchema{JsonSchema::kObject, kIpAddressKeys, {}};
constexpr JsonSchema kIpAddressesSchema{JsonSchema::kArray, {}, {}, &kIpAddressSchema};
constexpr JsonSchema kHealthSchema{JsonSchema::kObject, kHealthKeys, {}};
constexpr JsonSchema kHealthResultsSchema{JsonSchema::kArray, {}, {}, &kHealthSchema};
constexpr std::array<SchemaChild, 2> kTaskChildren = {SchemaChild{"ipAddresses", &kIpAddressesSchema},
                                                      SchemaChild{"healthCheckResults", &kHealthResultsSchema}};
constexpr JsonSchema kTaskSchema{JsonSchema::kObject, kTaskKeys, kTaskChildren};

Status read_ip_address(const rapidjson::Value& value, const JsonPath& path,
                       TaskIpAddress& address) {
  if (Status status = check_object(value, path); !status) return status;
  const Members members(value, path, kIpAddressKeys);
  Status status = read_required(members[0], address.address);
  if (status) status = read_optional(members[1], address.protocol);
  return status;
}

Status read_health_result(const rapidjson::Value& value, const JsonPath& path,
                          std::vector<bool>::reference alive) {
  if (Status status = check_object(value, path); !status) return status;
  const Members members(value, path, kHealthKeys);
  const Member member = members[0];
  if (member.value == nullptr) return missing_key(member.path);
  auto flag = read_bool(*member.value, member.path);
  if (!flag) return flag.error();
  alive = *flag;
  return {};
}

// Sets `started` when `startedAt` (a timestamp string) is present.
Status read_started(const Member& started_at, bool& started) {
  if (started_at.value == nullptr) return {};
  if (!started_at.value->IsString()) {
    return type_error(started_at.path, "a string", *started_at.value);
  }
  started = true;
  return {};
}

}  // namespace

const JsonSchema kTaskArraySchema{JsonSchema::kArray, {}, {}, &kTaskSchema};

Status read_task(const rapidjson::Value& value, const JsonPath& path, Task& task) {
  if (Status status = check_object(value, path); !status) return status;
  const Members members(value, path, kTaskKeys);
  Status status = read_required(members[kId], task.id);
  if (status) status = read_optional_app_id(members[kAppId], task.app_id);
  if (status) status = read_optional(members[kHost], task.host);
  if (status) status = read_optional_array(members[kPorts], task.ports, read_port);
  if (status) {
    status = read_optional_array(members[kIpAddresses], task.ip_addresses, read_ip_address);
  }
  if (status) status = read_optional(members[kState], task.state);
  if (status) status = read_started(members[kStartedAt], task.started);
  if (status) status = read_optional_array(members[kHealth], task.health_alive, read_health_result);
  return status;
}

Result<std::vector<Task>> read_tasks_answer(std::string_view body) {
  static constexpr std::array<std::string_view, 1> kKey = {"tasks"};
  return parse_answer<std::vector<Task>>(
      body, kKey, kTaskArraySchema,
      [](const rapidjson::Value& value, const JsonPath& path, std::vector<Task>& tasks) {
        return read_array(value, path, tasks, read_task);
      });
}

}  // namespace skylr::marathon

namespace skylr {

Result<std::vector<Task>> parse_tasks(std::string_view body) {
  if (auto tasks = marathon::fast_parse_tasks(body)) return std::move(*tasks);
  return marathon::read_tasks_answer(body);
}

}  // namespace skylr
