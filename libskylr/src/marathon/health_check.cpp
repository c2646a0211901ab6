// Marathon health checks: protocol, which port, HTTP path, timing and failure threshold.
#include "marathon/health_check.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "marathon/json.h"

namespace skylr::marathon {

using util::JsonPath;
namespace {

enum HealthCheckKey { kProtocol, kPortIndex, kPort, kPath, kInterval, kTimeout, kMaxFailures };
constexpr std::array<std::string_view, 7> kHealthCheckKeys = {
    "protocol", "portIndex", "port", "path", "intervalSeconds", "timeoutSeconds", "maxConsecutiveFailures"};
constexpr JsonSchema kHealthCheckSchema{JsonSchema::kObject, kHealthCheckKeys, {}};

// Reads `protocol` when present: a string of at most kMaxHealthProtocolLength characters.
Status read_protocol(const Member& protocol, std::string& out) {
  std::string_view text;
  if (Status status = read_optional(protocol, text); !status || protocol.value == nullptr) return status;
  if (text.size() > kMaxHealthProtocolLength) {
    return util::type_error(protocol.path, fmt::format("a string of at most {} characters", kMaxHealthProtocolLength),
                            *protocol.value);
  }
  out.assign(text);
  return {};
}

// Reads `port` when present: a port number.
Status read_fixed_port(const Member& port, std::optional<int>& out) {
  if (port.value == nullptr) return {};
  return read_port(*port.value, port.path, out.emplace());
}

}  // namespace

const JsonSchema kHealthCheckArraySchema{JsonSchema::kArray, {}, {}, &kHealthCheckSchema};

Status read_health_check(const rapidjson::Value& value, const JsonPath& path, AppHealthCheck& check) {
  if (Status status = check_object(value, path); !status) return status;
  const Members members(value, path, kHealthCheckKeys);
  Status status = read_protocol(members[kProtocol], check.protocol);
  if (status) status = read_optional(members[kPortIndex], check.port_index, 0, kMaxHealthPortIndex);
  if (status) status = read_fixed_port(members[kPort], check.port);
  if (status) status = read_optional(members[kPath], check.path);
  if (status) status = read_optional(members[kInterval], check.interval_seconds, 0, kMaxHealthSeconds);
  if (status) status = read_optional(members[kTimeout], check.timeout_seconds, 0, kMaxHealthSeconds);
  if (status) status = read_optional(members[kMaxFailures], check.max_consecutive_failures, 0, kMaxHealthFailures);
  return status;
}

}  // namespace skylr::marathon
