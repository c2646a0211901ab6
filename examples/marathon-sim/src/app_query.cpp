#include "app_query.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "app_definition.h"

namespace skylr::sim {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

// `text` split at commas outside parentheses.
std::vector<std::string_view> split_terms(std::string_view text) {
  std::vector<std::string_view> terms;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || (text[i] == ',' && depth == 0)) {
      terms.push_back(trim(text.substr(start, i - start)));
      start = i + 1;
    } else if (text[i] == '(') {
      ++depth;
    } else if (text[i] == ')') {
      --depth;
    }
  }
  return terms;
}

std::vector<std::string> split_values(const std::string& list) {
  std::vector<std::string> values;
  for (auto value : split_terms(list)) values.emplace_back(value);
  return values;
}

std::optional<LabelTerm> parse_term(const std::string& term) {
  static const std::regex compare(R"(([\w.\-]+)\s*(==|!=)\s*([\w.\-]*))");
  static const std::regex set(R"(([\w.\-]+)\s+(in|notin)\s*\(([^()]*)\))");
  static const std::regex exists(R"([\w.\-]+)");
  std::smatch match;
  if (std::regex_match(term, match, compare)) {
    auto op = match[2] == "==" ? LabelTerm::Op::kEquals : LabelTerm::Op::kNotEquals;
    return LabelTerm{match[1].str(), op, {match[3].str()}};
  }
  if (std::regex_match(term, match, set)) {
    auto op = match[2] == "in" ? LabelTerm::Op::kIn : LabelTerm::Op::kNotIn;
    return LabelTerm{match[1].str(), op, split_values(match[3].str())};
  }
  if (std::regex_match(term, exists)) return LabelTerm{term, LabelTerm::Op::kExists, {}};
  return std::nullopt;
}

bool term_holds(const LabelTerm& term, const rapidjson::Value& labels) {
  if (!labels.IsObject()) return false;
  auto it = labels.FindMember(rapidjson::StringRef(term.key.data(), term.key.size()));
  if (it == labels.MemberEnd() || !it->value.IsString()) return false;
  std::string value(it->value.GetString(), it->value.GetStringLength());
  bool listed = std::find(term.values.begin(), term.values.end(), value) != term.values.end();
  switch (term.op) {
    case LabelTerm::Op::kExists:
      return true;
    case LabelTerm::Op::kEquals:
    case LabelTerm::Op::kIn:
      return listed;
    case LabelTerm::Op::kNotEquals:
    case LabelTerm::Op::kNotIn:
      return !listed;
  }
  return false;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool contains_ignoring_case(std::string_view haystack, std::string_view needle) {
  return lower(haystack).find(lower(needle)) != std::string::npos;
}

}  // namespace

Embeds resolve_embeds(const std::vector<std::string>& values) {
  Embeds embeds;
  for (std::string_view value : values) {
    if (value.starts_with("apps.")) value.remove_prefix(5);
    if (value.starts_with("app.")) value.remove_prefix(4);
    if (value == "tasks") embeds.tasks = true;
    if (value == "counts") embeds.counts = true;
    if (value == "deployments") embeds.deployments = true;
    if (value == "readiness") embeds.readiness = true;
    if (value == "lastTaskFailure") embeds.last_task_failure = true;
  }
  return embeds;
}

std::optional<std::vector<LabelTerm>> parse_label_selector(std::string_view text) {
  std::vector<LabelTerm> terms;
  for (auto term : split_terms(text)) {
    auto parsed = parse_term(std::string(term));
    if (!parsed) return std::nullopt;
    terms.push_back(std::move(*parsed));
  }
  return terms;
}

bool app_matches(const AppFilter& filter, const rapidjson::Value& definition) {
  if (!filter.id.empty() && !contains_ignoring_case(string_member(definition, "id"), filter.id)) return false;
  if (!filter.cmd.empty() && !contains_ignoring_case(string_member(definition, "cmd"), filter.cmd)) return false;
  auto labels = definition.FindMember("labels");
  for (const auto& term : filter.labels) {
    if (labels == definition.MemberEnd() || !term_holds(term, labels->value)) return false;
  }
  return true;
}

}  // namespace skylr::sim
