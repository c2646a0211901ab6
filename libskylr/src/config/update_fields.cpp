// The known fields of job updates and their value checks.
#include "config/update_fields.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "util/json_read.h"
#include "util/object_reader.h"

namespace skylr::config {

using util::JsonPath;

using util::quote;
using util::type_error;
namespace {

// What a known field accepts: an integer or a number within [min, max] (min excluded
// when `above_min`), described by `expected`.
struct FieldRule {
  std::string_view name;
  bool integer;
  double min;
  double max;
  bool above_min;
  std::string_view expected;
};

constexpr FieldRule kRules[] = {
    {"instances", true, 0, 10000, false, "an integer 0-10000"},
    {"cpus", false, 0, 1024, true, "a number > 0 and <= 1024"},
    {"mem", false, 32, 1048576, false, "a number of MiB 32-1048576"},
    {"disk", false, 0, 1073741824, false, "a number of MiB 0-1073741824"},
    {"gpus", true, 0, 1024, false, "an integer 0-1024"},
};

const FieldRule* find_rule(std::string_view name) {
  auto it = std::find_if(std::begin(kRules), std::end(kRules),
                         [&](const FieldRule& rule) { return rule.name == name; });
  return it == std::end(kRules) ? nullptr : it;
}

bool within(const FieldRule& rule, const rapidjson::Value& value) {
  if (rule.integer ? !value.IsInt64() : !value.IsNumber()) return false;
  double number = value.GetDouble();
  return (rule.above_min ? number > rule.min : number >= rule.min) && number <= rule.max;
}

}  // namespace

bool is_known_update_field(std::string_view name) { return find_rule(name) != nullptr; }

Status check_field_value(std::string_view name, const rapidjson::Value& value, const JsonPath& path) {
  const FieldRule* rule = find_rule(name);
  if (rule == nullptr || within(*rule, value)) return {};
  return type_error(path, rule->expected, value);
}

const std::vector<std::string>& known_update_fields() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const FieldRule& rule : kRules) out.emplace_back(rule.name);
    return out;
  }();
  return names;
}

Status check_update_fields(const std::vector<std::string>& fields) {
  for (const std::string& field : fields) {
    if (is_known_update_field(field)) continue;
    return Error{fmt::format("job_updates.fields: {} cannot be allowed; skylrd checks only {}", quote(field),
                             fmt::join(known_update_fields(), ", "))};
  }
  return {};
}

}  // namespace skylr::config
