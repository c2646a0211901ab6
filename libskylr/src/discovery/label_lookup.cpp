#include "discovery/label_lookup.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "util/host_check.h"

namespace skylr::discovery {

namespace {

// The per-port labels Skylr reads, as HAPROXY_{n}_<suffix>.
constexpr std::array<std::string_view, 14> kKnownSuffixes = {
    "PORT", "MODE", "VHOST", "PATH", "BALANCE", "STICKY", "REDIRECT_TO_HTTPS",
    "BIND_ADDR", "BACKEND_WEIGHT", "AUTH", "ENABLED", "GROUP", "SSL_CERT", "USE_HSTS"};

// Suffixes of marathon-lb's templates: labels whose value is HAProxy configuration text.
constexpr std::array<std::string_view, 6> kTemplateMarks = {"HEAD", "ACL", "OPTIONS", "GLUE", "REDIR", "ALLOW_DENY"};

bool starts_with_digit(std::string_view text) {
  return !text.empty() && std::isdigit(static_cast<unsigned char>(text.front())) != 0;
}

}  // namespace

PortLabels::PortLabels(const App& app, int index) : app_(app), prefix_(fmt::format("HAPROXY_{}_", index)) {}

const std::string* PortLabels::find(std::string_view suffix, bool app_wide) {
  for (const std::string& key : {prefix_ + std::string(suffix), fmt::format("HAPROXY_{}", suffix)}) {
    auto found = app_.labels.find(key);
    if (found != app_.labels.end()) {
      read_.emplace_back(found->first, found->second);
      return &found->second;
    }
    if (!app_wide) break;
  }
  return nullptr;
}

std::string PortLabels::refused() const {
  for (const auto& [key, value] : app_.labels) {
    std::string_view suffix;
    if (key.starts_with(prefix_)) {
      suffix = std::string_view(key).substr(prefix_.size());
    } else if (key.starts_with("HAPROXY_") && !starts_with_digit(key.substr(8))) {
      suffix = std::string_view(key).substr(8);
      if (suffix == "GROUP" || suffix.starts_with("DEPLOYMENT_")) continue;
    } else {
      continue;
    }
    if (std::find(kKnownSuffixes.begin(), kKnownSuffixes.end(), suffix) != kKnownSuffixes.end()) continue;
    bool raw = std::any_of(kTemplateMarks.begin(), kTemplateMarks.end(),
                           [&](std::string_view mark) { return suffix.find(mark) != std::string_view::npos; });
    return fmt::format("label {}: {}", key,
                       raw ? "raw HAProxy text is refused (whoever deploys an app would write the load balancer's "
                             "configuration)"
                           : "not a label Skylr reads");
  }
  return {};
}

std::string bad_label(const PortLabels& labels, std::string_view suffix, std::string_view what) {
  return fmt::format("label {}{}: {}", labels.prefix(), suffix, what);
}

std::optional<std::string> read_bool(PortLabels& labels, std::string_view suffix, bool& out) {
  const std::string* value = labels.find(suffix);
  if (value == nullptr) return std::nullopt;
  std::string text = lower_case(*value);
  if (text != "true" && text != "false") {
    return bad_label(labels, suffix, fmt::format("expected true or false, got {}", util::quote_for_message(*value)));
  }
  out = text == "true";
  return std::nullopt;
}

std::optional<std::string> read_int(PortLabels& labels, std::string_view suffix, int low, int high, int& out) {
  const std::string* value = labels.find(suffix);
  if (value == nullptr) return std::nullopt;
  int number = 0;
  auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), number);
  if (error != std::errc() || end != value->data() + value->size() || number < low || number > high) {
    return bad_label(labels, suffix,
                     fmt::format("expected an integer {}-{}, got {}", low, high, util::quote_for_message(*value)));
  }
  out = number;
  return std::nullopt;
}

std::string lower_case(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::vector<std::string> split(std::string_view text, std::string_view separators) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of(separators, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) pieces.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return pieces;
}

}  // namespace skylr::discovery
