#include "app_validation.h"

#include <fmt/format.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <array>
#include <optional>
#include <regex>

namespace skylr::sim {
namespace {

constexpr std::string_view kIdPattern =
    R"(^(([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])|(\.|\.\.)$)";

enum class Shape { kString, kStringOrNull, kObject, kArray, kStringMap, kArrayOfObjects };

struct ShapeRule {
  std::string_view key;
  Shape shape;
};

constexpr std::array kShapeRules = {
    ShapeRule{"id", Shape::kString},           ShapeRule{"cmd", Shape::kStringOrNull},
    ShapeRule{"labels", Shape::kStringMap},    ShapeRule{"env", Shape::kObject},
    ShapeRule{"container", Shape::kObject},    ShapeRule{"args", Shape::kArray},
    ShapeRule{"constraints", Shape::kArray},   ShapeRule{"networks", Shape::kArray},
    ShapeRule{"ports", Shape::kArray},         ShapeRule{"readinessChecks", Shape::kArray},
    ShapeRule{"portDefinitions", Shape::kArrayOfObjects},
    ShapeRule{"healthChecks", Shape::kArrayOfObjects},
};

constexpr std::array<std::string_view, 7> kHealthProtocols = {
    "HTTP", "HTTPS", "TCP", "COMMAND", "MESOS_HTTP", "MESOS_HTTPS", "MESOS_TCP"};

// An integer field and its bounds.
struct IntRule {
  std::string_view key;
  int64_t min;
  int64_t max;
};

// The integer fields of a health check, all of them optional.
constexpr std::array kHealthCheckInts = {
    IntRule{"portIndex", 0, INT32_MAX},          IntRule{"port", 0, 65535},
    IntRule{"gracePeriodSeconds", 0, INT32_MAX}, IntRule{"intervalSeconds", 0, INT32_MAX},
    IntRule{"timeoutSeconds", 0, INT32_MAX},     IntRule{"maxConsecutiveFailures", 0, INT32_MAX},
};

struct Problems {
  std::vector<ErrorDetail> shape;  // answered with 400
  std::vector<ErrorDetail> value;  // answered with 422
};

std::string member_path(std::string_view key) { return fmt::format("/{}", key); }

std::string element_path(std::string_view key, rapidjson::SizeType index, std::string_view field = {}) {
  std::string path = fmt::format("/{}({})", key, index);
  if (!field.empty()) path += fmt::format("/{}", field);
  return path;
}

void check_elements_are_objects(std::string_view key, const rapidjson::Value& array, Problems& out) {
  for (rapidjson::SizeType i = 0; i < array.Size(); ++i) {
    if (!array[i].IsObject()) out.shape.push_back({element_path(key, i), {"error.expected.jsobject"}});
  }
}

void check_string_values(std::string_view key, const rapidjson::Value& object, Problems& out) {
  for (const auto& member : object.GetObject()) {
    if (!member.value.IsString()) {
      out.shape.push_back({fmt::format("/{}/{}", key, member.name.GetString()), {"error.expected.jsstring"}});
    }
  }
}

void check_shape(const ShapeRule& rule, const rapidjson::Value& value, Problems& out) {
  auto fail = [&](const char* error) { out.shape.push_back({member_path(rule.key), {error}}); };
  switch (rule.shape) {
    case Shape::kStringOrNull:
      if (value.IsNull()) return;
      [[fallthrough]];
    case Shape::kString:
      if (!value.IsString()) fail("error.expected.jsstring");
      return;
    case Shape::kObject:
    case Shape::kStringMap:
      if (!value.IsObject()) return fail("error.expected.jsobject");
      if (rule.shape == Shape::kStringMap) check_string_values(rule.key, value, out);
      return;
    case Shape::kArray:
    case Shape::kArrayOfObjects:
      if (!value.IsArray()) return fail("error.expected.jsarray");
      if (rule.shape == Shape::kArrayOfObjects) check_elements_are_objects(rule.key, value, out);
      return;
  }
}

// The error of an integer that must lie in [min, max], or "" when `value` is fine.
std::string int_error(const rapidjson::Value& value, int64_t min, int64_t max) {
  if (!value.IsNumber()) return "error.expected.jsnumber";
  if (!value.IsInt64()) return "error.expected.int";
  auto number = value.GetInt64();
  if (number < min) return fmt::format("got {}, expected {} or more", number, min);
  if (number > max) return fmt::format("got {}, expected {} or less", number, max);
  return {};
}

// The error of a resource amount (a number >= 0), or "" when `value` is fine.
std::string amount_error(const rapidjson::Value& value) {
  if (!value.IsNumber()) return "error.expected.jsnumber";
  if (value.GetDouble() < 0) return fmt::format("got {}, expected 0.0 or more", value.GetDouble());
  return {};
}

void add_value_problem(std::string path, std::string error, Problems& out) {
  if (!error.empty()) out.value.push_back({std::move(path), {std::move(error)}});
}

void check_port_definitions(const rapidjson::Value& definitions, Problems& out) {
  for (rapidjson::SizeType i = 0; i < definitions.Size(); ++i) {
    auto port = definitions[i].FindMember("port");
    if (port != definitions[i].MemberEnd()) {
      add_value_problem(element_path("portDefinitions", i, "port"), int_error(port->value, 0, 65535), out);
    }
  }
}

bool known_protocol(const rapidjson::Value& protocol) {
  if (!protocol.IsString()) return false;
  std::string_view text(protocol.GetString(), protocol.GetStringLength());
  return std::find(kHealthProtocols.begin(), kHealthProtocols.end(), text) != kHealthProtocols.end();
}

void check_health_checks(const rapidjson::Value& checks, Problems& out) {
  for (rapidjson::SizeType i = 0; i < checks.Size(); ++i) {
    auto protocol = checks[i].FindMember("protocol");
    if (protocol != checks[i].MemberEnd() && !known_protocol(protocol->value)) {
      out.value.push_back({element_path("healthChecks", i, "protocol"), {"error.expected.validenumvalue"}});
    }
    for (const auto& rule : kHealthCheckInts) {
      auto field = checks[i].FindMember(rapidjson::StringRef(rule.key.data(), rule.key.size()));
      if (field == checks[i].MemberEnd() || field->value.IsNull()) continue;
      add_value_problem(element_path("healthChecks", i, rule.key), int_error(field->value, rule.min, rule.max), out);
    }
  }
}

bool valid_segment(const std::string& segment) {
  static const std::regex pattern{std::string(kIdPattern)};
  return segment != "." && segment != ".." && std::regex_match(segment, pattern);
}

// "/a/b" for "a/b/", or nothing when a segment is not a valid Marathon path segment.
std::optional<std::string> absolute_id(std::string_view raw) {
  while (raw.starts_with('/')) raw.remove_prefix(1);
  while (raw.ends_with('/')) raw.remove_suffix(1);
  if (raw.empty()) return std::nullopt;
  std::string id;
  for (std::size_t start = 0; start <= raw.size();) {
    auto end = std::min(raw.find('/', start), raw.size());
    std::string segment(raw.substr(start, end - start));
    if (!valid_segment(segment)) return std::nullopt;
    id += "/" + segment;
    start = end + 1;
  }
  return id;
}

std::string id_error() { return fmt::format("must fully match regular expression '{}'", kIdPattern); }

void check_values(const rapidjson::Value& app, Problems& out) {
  if (auto it = app.FindMember("instances"); it != app.MemberEnd()) {
    add_value_problem("/instances", int_error(it->value, 0, INT32_MAX), out);
  }
  for (const char* key : {"cpus", "mem", "disk", "gpus"}) {
    if (auto it = app.FindMember(key); it != app.MemberEnd()) {
      add_value_problem(member_path(key), amount_error(it->value), out);
    }
  }
  if (auto it = app.FindMember("id"); it != app.MemberEnd()) {
    if (!absolute_id({it->value.GetString(), it->value.GetStringLength()})) {
      out.value.push_back({"/id", {id_error()}});
    }
  }
  if (auto it = app.FindMember("portDefinitions"); it != app.MemberEnd()) check_port_definitions(it->value, out);
  if (auto it = app.FindMember("healthChecks"); it != app.MemberEnd()) check_health_checks(it->value, out);
}

}  // namespace

ApiResult<std::string> normalize_app_id(std::string_view raw) {
  if (auto id = absolute_id(raw)) return *id;
  return details_error(422, "Object is not valid", {{"/id", {id_error()}}});
}

ApiResult<std::string> required_app_id(const rapidjson::Value& app) {
  auto id = app.FindMember("id");
  if (id == app.MemberEnd()) return details_error(422, "Object is not valid", {{"/id", {"error.path.missing"}}});
  return normalize_app_id({id->value.GetString(), id->value.GetStringLength()});
}

std::optional<ApiError> validate_app(const rapidjson::Value& app) {
  if (!app.IsObject()) return details_error(400, "Invalid JSON", {{"/", {"error.expected.jsobject"}}});
  Problems problems;
  for (const auto& rule : kShapeRules) {
    auto it = app.FindMember(rapidjson::StringRef(rule.key.data(), rule.key.size()));
    if (it != app.MemberEnd()) check_shape(rule, it->value, problems);
  }
  if (!problems.shape.empty()) return details_error(400, "Invalid JSON", problems.shape);
  check_values(app, problems);
  if (!problems.value.empty()) return details_error(422, "Object is not valid", problems.value);
  return std::nullopt;
}

ApiResult<rapidjson::Document> parse_app_json(std::string_view body) {
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  if (document.HasParseError()) {
    auto reason = fmt::format("{} at offset {}", rapidjson::GetParseError_En(document.GetParseError()),
                              document.GetErrorOffset());
    return details_error(400, "Invalid JSON", {{"/", {reason}}});
  }
  if (auto error = validate_app(document)) return *error;
  return document;
}

}  // namespace skylr::sim
