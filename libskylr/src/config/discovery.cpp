#include "config/discovery.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "config/host_port.h"
#include "config/side_path.h"
#include "config/strings.h"

namespace skylr::config {

using util::IntRange;
using util::JsonPath;
using util::Presence;
using util::accept_string;

namespace {

constexpr std::string_view kDiscoveryKeys[] = {"groups",    "strict",     "http_bind_address",
                                               "http_port", "routes_map", "spare_backends"};
constexpr IntRange kPortRange{1, 65535};
constexpr std::string_view kBindAddress = "\"*\", an IP address or a host name";

// Accepts a group name: one or more of [A-Za-z0-9._-], or "*".
std::optional<std::string> check_group(std::string_view text) {
  if (text == "*") return std::nullopt;
  if (text.empty() || !std::all_of(text.begin(), text.end(), is_plain_name_char)) {
    return "expected \"*\" or a name of letters, digits, '.', '_' and '-'";
  }
  return std::nullopt;
}


}  // namespace

DiscoveryConfig read_discovery(const util::ObjectReader& root, const std::string& config_destination) {
  DiscoveryConfig discovery;
  discovery.routes_map = beside_config(config_destination, "skylr-routes.map");
  auto section = root.object("discovery", kDiscoveryKeys);
  if (!section) return discovery;
  discovery.enabled = true;
  util::Problems& problems = section->problems();
  if (section->find("groups") != nullptr) discovery.groups.clear();
  auto count = section->for_each("groups", Presence::kOptional, [&](const auto& value, const JsonPath& path) {
    if (auto group = accept_string(value, path, check_group, problems)) discovery.groups.push_back(std::move(*group));
  });
  if (count == std::size_t{0}) problems.add(section->path().member("groups"), "expected at least one group");
  section->read("strict", discovery.strict);
  section->read_parsed("http_bind_address", discovery.http_bind_host, kBindAddress, parse_bind_host);
  section->read("http_port", discovery.http_port, kPortRange);
  section->read("spare_backends", discovery.spare_backends, IntRange{0, 1024});
  read_side_path(*section, "routes_map", discovery.routes_map);
  return discovery;
}

}  // namespace skylr::config
