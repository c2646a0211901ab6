#include "model/diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace skylr::model {
namespace {

bool same_server(const Server& a, const Server& b) {
  return std::tie(a.name, a.address, a.port) == std::tie(b.name, b.address, b.port);
}

bool by_name(const Server& a, const Server& b) {
  return std::tie(a.name, a.address, a.port) < std::tie(b.name, b.address, b.port);
}

// The servers of `from` that `other` lacks.
std::vector<Server> missing_from(std::vector<Server> from, const std::vector<Server>& other) {
  std::erase_if(from, [&](const Server& server) {
    return std::any_of(other.begin(), other.end(),
                       [&](const Server& o) { return same_server(server, o); });
  });
  std::sort(from.begin(), from.end(), by_name);
  return from;
}

std::map<std::string, const std::vector<Server>*> servers_by_service(const Model& model) {
  std::map<std::string, const std::vector<Server>*> out;
  for (const ServiceBackends& backends : model.services) out[backends.service] = &backends.servers;
  return out;
}

}  // namespace

std::vector<ServiceChange> diff_models(const Model& before, const Model& after) {
  static const std::vector<Server> kNone;
  auto old_servers = servers_by_service(before);
  auto new_servers = servers_by_service(after);
  std::map<std::string, std::pair<const std::vector<Server>*, const std::vector<Server>*>> both;
  for (const auto& [service, servers] : old_servers) both[service] = {servers, &kNone};
  for (const auto& [service, servers] : new_servers) {
    auto& entry = both.try_emplace(service, &kNone, &kNone).first->second;
    entry.second = servers;
  }
  std::vector<ServiceChange> changes;
  for (const auto& [service, lists] : both) {
    ServiceChange change{service, missing_from(*lists.second, *lists.first),
                         missing_from(*lists.first, *lists.second)};
    if (!change.added.empty() || !change.removed.empty()) changes.push_back(std::move(change));
  }
  return changes;
}

std::string summarize_changes(const std::vector<ServiceChange>& changes) {
  if (changes.empty()) return "no backend changes";
  std::string out;
  for (const ServiceChange& change : changes) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} +{} -{}", change.service, change.added.size(), change.removed.size());
  }
  return out;
}

}  // namespace skylr::model
