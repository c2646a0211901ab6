// The tokens file of job_updates: "name:secret" lines.
#include "config/tokens_file.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "config/strings.h"
#include "skylr/config.h"
#include "util/object_reader.h"

namespace skylr::config {

using util::quote;
namespace {

std::string_view trim_whitespace(std::string_view text) {
  constexpr std::string_view kWhitespace = " \t\r";
  std::size_t first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kWhitespace) - first + 1);
}

bool name_taken(std::string_view name, const std::vector<ApiToken>& earlier,
                const std::vector<ApiToken>& read) {
  auto same = [&](const ApiToken& token) { return token.name == name; };
  return std::any_of(earlier.begin(), earlier.end(), same) || std::any_of(read.begin(), read.end(), same);
}

// The problem with the token on `line`, or nullopt when it can join `read`.
std::optional<std::string> line_problem(std::string_view line, const std::vector<ApiToken>& earlier,
                                        const std::vector<ApiToken>& read, ApiToken& token) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return "expected name:secret";
  token.name = trim_whitespace(line.substr(0, colon));
  token.secret = trim_whitespace(line.substr(colon + 1));
  if (token.name.empty()) return "the token name must not be empty";
  if (auto problem = check_token_secret(token.secret)) {
    return fmt::format("secret of {}: {}", quote(token.name), *problem);
  }
  if (name_taken(token.name, earlier, read)) {
    return fmt::format("{} is already the name of a token", quote(token.name));
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<ApiToken>> parse_tokens_file(std::string_view text, const std::vector<ApiToken>& earlier) {
  std::vector<ApiToken> read;
  std::vector<std::string> problems;
  std::size_t number = 0;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = trim_whitespace(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++number;
    if (line.empty() || line.front() == '#') continue;
    ApiToken token;
    if (auto problem = line_problem(line, earlier, read, token)) {
      problems.push_back(fmt::format("line {}: {}", number, *problem));
    } else {
      read.push_back(std::move(token));
    }
  }
  if (!problems.empty()) return Error{fmt::format("{}", fmt::join(problems, "\n"))};
  return read;
}

Status load_tokens_file(FileSystem& fs, JobUpdateConfig& updates) {
  if (updates.tokens_file.empty()) return {};
  std::string prefix = "job_updates.tokens_file";
  Result<std::string> text = fs.read_file(updates.tokens_file);
  if (!text) return prefix_lines(prefix, text.error());
  Result<std::vector<ApiToken>> tokens = parse_tokens_file(*text, updates.tokens);
  if (!tokens) return prefix_lines(fmt::format("{}: {}", prefix, updates.tokens_file), tokens.error());
  for (ApiToken& token : *tokens) updates.tokens.push_back(std::move(token));
  return {};
}

}  // namespace skylr::config
