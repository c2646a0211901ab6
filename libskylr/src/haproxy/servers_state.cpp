// parse_servers_state and parse_stat_sessions: a header line names the columns, every
// other non-blank line is one row.
#include "haproxy/servers_state.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

#include "haproxy/text.h"
#include "util/host_check.h"
#include "util/text_lines.h"

namespace skylr::haproxy {

using util::quote_for_message;
namespace {

using Row = std::vector<std::string_view>;

// The fields of a CSV line (HAProxy's stats never quote).
Row split_csv(std::string_view line) {
  Row fields;
  for (std::size_t comma; (comma = line.find(',')) != std::string_view::npos;) {
    fields.push_back(line.substr(0, comma));
    line.remove_prefix(comma + 1);
  }
  fields.push_back(line);
  return fields;
}

// The positions of `names` in `header`; nullopt when one is missing.
template <std::size_t N>
std::optional<std::array<std::size_t, N>> columns(const Row& header,
                                                  const std::array<std::string_view, N>& names) {
  std::array<std::size_t, N> found{};
  for (std::size_t i = 0; i < N; ++i) {
    auto at = std::find(header.begin(), header.end(), names[i]);
    if (at == header.end()) return std::nullopt;
    found[i] = static_cast<std::size_t>(at - header.begin());
  }
  return found;
}

std::optional<int> to_int(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Error unexpected(std::string_view what, std::string_view line) {
  return Error{fmt::format("unexpected {} line {}", what, quote_for_message(line))};
}

constexpr std::array<std::string_view, 5> kStateColumns = {"be_name", "srv_name", "srv_addr",
                                                           "srv_port", "srv_admin_state"};

}  // namespace

Result<std::vector<ServerState>> parse_servers_state(std::string_view answer) {
  std::vector<std::string_view> lines = util::non_blank_lines(answer);
  if (lines.size() < 2 || lines[0] != "1" || !lines[1].starts_with("# ")) {
    return unexpected("show servers state", lines.empty() ? answer : lines[0]);
  }
  Row header = split_words(lines[1].substr(2));
  auto at = columns(header, kStateColumns);
  if (!at) return unexpected("show servers state header", lines[1]);
  std::vector<ServerState> servers;
  for (std::size_t i = 2; i < lines.size(); ++i) {
    Row row = split_words(lines[i]);
    if (row.size() < header.size()) return unexpected("show servers state", lines[i]);
    auto port = to_int(row[(*at)[3]]);
    auto admin = to_int(row[(*at)[4]]);
    if (!port || !admin) return unexpected("show servers state", lines[i]);
    servers.push_back(ServerState{std::string(row[(*at)[0]]), std::string(row[(*at)[1]]),
                                  std::string(row[(*at)[2]]), *port, *admin});
  }
  return servers;
}

Result<std::map<std::string, int>> parse_stat_sessions(std::string_view answer) {
  std::vector<std::string_view> lines = util::non_blank_lines(answer);
  if (lines.empty() || !lines[0].starts_with("# ")) {
    return unexpected("show stat", lines.empty() ? answer : lines[0]);
  }
  Row header = split_csv(lines[0].substr(2));
  auto at = columns(header, std::array<std::string_view, 3>{"pxname", "svname", "scur"});
  if (!at) return unexpected("show stat header", lines[0]);
  std::map<std::string, int> sessions;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    Row row = split_csv(lines[i]);
    if (row.size() <= (*at)[2]) return unexpected("show stat", lines[i]);
    std::string_view server = row[(*at)[1]];
    if (server == "FRONTEND" || server == "BACKEND") continue;
    auto current = to_int(row[(*at)[2]]);
    if (!current) return unexpected("show stat", lines[i]);
    sessions[fmt::format("{}/{}", row[(*at)[0]], server)] = *current;
  }
  return sessions;
}

}  // namespace skylr::haproxy
