// The query of GET /v2/apps: which derived fields to embed (`embed=apps.tasks`...) and which
// apps to list (`id=`, `cmd=`, `label=` with Marathon's label selector syntax:
// `key`, `key==value`, `key!=value`, `key in (a, b)`, `key notin (a, b)`, joined by commas).
// Pure functions.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skylr::sim {

// Derived fields rendered with an app.
struct Embeds {
  bool tasks = false;
  bool counts = false;
  bool deployments = false;
  bool readiness = false;
  bool last_task_failure = false;
};

// The embeds named by `values` ("apps.tasks", "app.counts", "deployments"...); the prefixes
// "apps." and "app." are optional and unknown names are ignored, as Marathon does.
Embeds resolve_embeds(const std::vector<std::string>& values);

// One term of a label selector; every term of a selector must hold.
struct LabelTerm {
  enum class Op { kExists, kEquals, kNotEquals, kIn, kNotIn };
  std::string key;
  Op op = Op::kExists;
  std::vector<std::string> values;
};

// The terms of the label selector `text`, or nothing when it does not parse.
std::optional<std::vector<LabelTerm>> parse_label_selector(std::string_view text);

// The filters of GET /v2/apps; empty strings and an empty term list match everything.
struct AppFilter {
  std::string id;   // case-insensitive substring of the app id
  std::string cmd;  // case-insensitive substring of the app's cmd
  std::vector<LabelTerm> labels;
};

// True when the app `definition` passes every filter of `filter`.
bool app_matches(const AppFilter& filter, const rapidjson::Value& definition);

}  // namespace skylr::sim
