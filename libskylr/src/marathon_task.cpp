// Marathon tasks: ids, where they run, their ports and addresses, state and health.
#include "marathon_task.h"

#include <vector>

#include "marathon_json.h"

namespace skylr {
namespace {

Status read_port(const rapidjson::Value& value, const JsonPath& path, int& port) {
  auto number = read_int(value, path, 0, 65535);
  if (!number) return number.error();
  port = *number;
  return {};
}

Status read_ip_address(const rapidjson::Value& value, const JsonPath& path,
                       TaskIpAddress& address) {
  Status status = check_object(value, path);
  if (status) status = read_required_string(value, "ipAddress", path, address.address);
  if (status) status = read_optional_string(value, "protocol", path, address.protocol);
  return status;
}

Status read_health_result(const rapidjson::Value& value, const JsonPath& path,
                          std::vector<bool>::reference alive) {
  if (Status status = check_object(value, path); !status) return status;
  auto member = required_member(value, "alive", path);
  if (!member) return member.error();
  auto flag = read_bool(**member, path.member("alive"));
  if (!flag) return flag.error();
  alive = *flag;
  return {};
}

// Sets `started` when `startedAt` (a timestamp string) is present.
Status read_started(const rapidjson::Value& task, const JsonPath& path, bool& started) {
  const rapidjson::Value* started_at = find_member(task, "startedAt");
  if (started_at == nullptr) return {};
  if (!started_at->IsString()) return type_error(path.member("startedAt"), "a string", *started_at);
  started = true;
  return {};
}

}  // namespace

Status read_task(const rapidjson::Value& value, const JsonPath& path, Task& task) {
  Status status = check_object(value, path);
  if (status) status = read_required_string(value, "id", path, task.id);
  if (status) status = read_optional_app_id(value, "appId", path, task.app_id);
  if (status) status = read_optional_string(value, "host", path, task.host);
  if (status) status = read_array_member(value, "ports", path, task.ports, read_port);
  if (status) {
    status = read_array_member(value, "ipAddresses", path, task.ip_addresses, read_ip_address);
  }
  if (status) status = read_optional_string(value, "state", path, task.state);
  if (status) status = read_started(value, path, task.started);
  if (status) {
    status = read_array_member(value, "healthCheckResults", path, task.health_alive,
                               read_health_result);
  }
  return status;
}

Result<std::vector<Task>> parse_tasks(std::string_view body) {
  return parse_answer<std::vector<Task>>(
      body, "tasks", [](const rapidjson::Value& value, const JsonPath& path, std::vector<Task>& tasks) {
        return read_array(value, path, tasks, read_task);
      });
}

}  // namespace skylr
