// Bearer tokens: the Authorization header and the constant-time match.
#include "token_auth.h"

#include <cctype>

namespace skylr {
namespace {

constexpr std::string_view kScheme = "bearer";

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// True when `presented` equals `secret`. Reads every byte of `presented` (cycling through
// `secret`) whatever the lengths and contents, and never returns early.
bool same_secret(std::string_view secret, std::string_view presented) {
  unsigned difference = secret.size() == presented.size() ? 0u : 1u;
  if (secret.empty()) return false;
  for (std::size_t i = 0; i < presented.size(); ++i) {
    difference |= static_cast<unsigned char>(presented[i]) ^
                  static_cast<unsigned char>(secret[i % secret.size()]);
  }
  return difference == 0;
}

}  // namespace

std::optional<std::string_view> bearer_token(std::string_view authorization) {
  authorization = trim_spaces(authorization);
  if (authorization.size() <= kScheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) return std::nullopt;
  }
  std::string_view rest = authorization.substr(kScheme.size());
  if (rest.front() != ' ' && rest.front() != '\t') return std::nullopt;
  std::string_view token = trim_spaces(rest);
  if (token.empty()) return std::nullopt;
  return token;
}

std::optional<std::string> match_token(const std::vector<ApiToken>& tokens, std::string_view presented) {
  const ApiToken* found = nullptr;
  for (const ApiToken& token : tokens) {
    bool same = same_secret(token.secret, presented);
    if (same && found == nullptr) found = &token;
  }
  if (found == nullptr) return std::nullopt;
  return found->name;
}

}  // namespace skylr
