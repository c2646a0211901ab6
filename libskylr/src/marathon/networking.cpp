// Networking of Marathon apps, both shapes. 1.5+: `networks[].mode` decides (any
// "container" network means IP per task, else "container/bridge" means bridged ports, else
// host ports). Before 1.5: an `ipAddress` object means IP per task, else
// `container.docker.network` BRIDGE/USER decides. Container ports come from the first of
// `container.portMappings`, `ipAddress.discovery.ports` and `container.docker.portMappings`
// that lists any; service ports from the first of `portDefinitions[].port`,
// `container.portMappings[].servicePort`, `container.docker.portMappings[].servicePort` and
// `ports` that lists any. A list is read (and checked) only when it may decide.
#include "marathon/networking.h"

#include <array>
#include <string_view>
#include <vector>

#include "marathon/json.h"

namespace skylr::marathon {

using util::JsonPath;
namespace {

enum AppKey { kNetworks, kContainer, kIpAddress, kPortDefinitions, kPorts };  // kNetworkingKeys order
enum ContainerKey { kPortMappings, kDocker };
constexpr std::array<std::string_view, 2> kContainerKeys = {"portMappings", "docker"};
enum DockerKey { kDockerPortMappings, kNetwork };
constexpr std::array<std::string_view, 2> kDockerKeys = {"portMappings", "network"};
constexpr std::array<std::string_view, 1> kIpAddressKeys = {"discovery"};
constexpr std::array<std::string_view, 1> kDiscoveryKeys = {"ports"};
constexpr std::array<std::string_view, 1> kNetworkKeys = {"mode"};
constexpr std::array<std::string_view, 2> kMappingKeys = {"containerPort", "servicePort"};
constexpr std::array<std::string_view, 1> kDiscoveryPortKeys = {"number"};
constexpr std::array<std::string_view, 1> kDefinitionKeys = {"port"};

// The members of an app that say how its tasks are reached; a null value when absent.
struct NetworkMembers {
  Member networks;              // `networks` (1.5+)
  Member port_mappings;         // `container.portMappings` (1.5+)
  Member docker_port_mappings;  // `container.docker.portMappings` (before 1.5)
  Member docker_network;        // `container.docker.network` (before 1.5)
  Member ip_address;            // `ipAddress` (before 1.5)
  Member discovery_ports;       // `ipAddress.discovery.ports` (before 1.5)
  Member port_definitions;      // `portDefinitions` (1.5+, and host networking before)
  Member legacy_ports;          // `ports` (before 1.5)
};

// The ports of one entry of a port mapping list, 0 when absent.
struct PortMapping {
  int container_port = 0;
  int service_port = 0;
};

// Folds one entry of 1.5+ `networks` into `networking`: "container" wins over
// "container/bridge", which wins over "host" and unknown modes.
Status apply_network(const rapidjson::Value& network, const JsonPath& path,
                     Networking& networking) {
  if (Status status = check_object(network, path); !status) return status;
  const Members members(network, path, kNetworkKeys);
  std::string_view mode = "container";  // Marathon's default when `mode` is left out
  if (Status status = read_optional(members[0], mode); !status) return status;
  if (mode == "container") {
    networking = Networking::kContainer;
  } else if (mode == "container/bridge" && networking == Networking::kHost) {
    networking = Networking::kBridge;
  }
  return {};
}

Status read_legacy_networking(const Member& ip_address, const Member& docker_network,
                              Networking& networking) {
  if (ip_address.value != nullptr) {
    networking = Networking::kContainer;
    return {};
  }
  std::string_view network;
  Status status = read_optional(docker_network, network);
  if (network == "BRIDGE") networking = Networking::kBridge;
  if (network == "USER") networking = Networking::kContainer;
  return status;
}

// A reader for read_array: the port in member keys[0] of a port object, 0 when absent.
auto port_member_reader(const std::array<std::string_view, 1>& keys) {
  return [&keys](const rapidjson::Value& value, const JsonPath& path, int& port) {
    if (Status status = check_object(value, path); !status) return status;
    const Members members(value, path, keys);
    return read_optional(members[0], port, 0, 65535);
  };
}

// Reads one entry of `container.portMappings` or `container.docker.portMappings`.
Status read_mapping(const rapidjson::Value& value, const JsonPath& path, PortMapping& mapping) {
  if (Status status = check_object(value, path); !status) return status;
  const Members members(value, path, kMappingKeys);
  Status status = read_optional(members[0], mapping.container_port, 0, 65535);
  if (status) status = read_optional(members[1], mapping.service_port, 0, 65535);
  return status;
}

// `field` of each mapping, in order.
std::vector<int> ports_of(const std::vector<PortMapping>& mappings, int PortMapping::*field) {
  std::vector<int> ports;
  ports.reserve(mappings.size());
  for (const PortMapping& mapping : mappings) ports.push_back(mapping.*field);
  return ports;
}

// Fills whichever of `container_ports` and `service_ports` is still empty from `mappings`.
void fill_from(const std::vector<PortMapping>& mappings, std::vector<int>& container_ports,
               std::vector<int>& service_ports) {
  if (container_ports.empty()) container_ports = ports_of(mappings, &PortMapping::container_port);
  if (service_ports.empty()) service_ports = ports_of(mappings, &PortMapping::service_port);
}

// Reads the container and service ports, each from the first list that has any.
Status read_ports(const NetworkMembers& members, App& app) {
  std::vector<int>& container_ports = app.container_ports;
  std::vector<int>& service_ports = app.service_ports;
  std::vector<PortMapping> mappings;
  Status status = read_optional_array(members.port_mappings, mappings, read_mapping);
  if (status) {
    status =
        read_optional_array(members.port_definitions, service_ports, port_member_reader(kDefinitionKeys));
  }
  fill_from(mappings, container_ports, service_ports);
  if (status && container_ports.empty()) {
    status = read_optional_array(members.discovery_ports, container_ports, port_member_reader(kDiscoveryPortKeys));
  }
  if (status && (container_ports.empty() || service_ports.empty())) {
    std::vector<PortMapping> docker_mappings;
    status = read_optional_array(members.docker_port_mappings, docker_mappings, read_mapping);
    fill_from(docker_mappings, container_ports, service_ports);
  }
  if (status && service_ports.empty()) status = read_optional_array(members.legacy_ports, service_ports, read_port);
  return status;
}

// Decides the networking and reads the ports once the members are found.
Status read_network_members(const NetworkMembers& members, App& app) {
  Status status;
  if (members.networks.value != nullptr) {
    status = for_each_element(*members.networks.value, members.networks.path,
                              [&app](const rapidjson::Value& network, const JsonPath& path) {
                                return apply_network(network, path, app.networking);
                              });
  } else {
    status = read_legacy_networking(members.ip_address, members.docker_network, app.networking);
  }
  if (status) status = read_ports(members, app);
  return status;
}

}  // namespace

Status read_networking(const rapidjson::Value& value, const JsonPath& path, App& app) {
  // Every Members object stays alive here: the members' paths point into them.
  const Members app_members(value, path, kNetworkingKeys);
  const Member container = app_members[kContainer];
  const Member ip_address = app_members[kIpAddress];
  const Members container_members(container, kContainerKeys);
  const Member docker = container_members[kDocker];
  const Members docker_members(docker, kDockerKeys);
  const Members ip_members(ip_address, kIpAddressKeys);
  const Member discovery = ip_members[0];
  const Members discovery_members(discovery, kDiscoveryKeys);
  for (const Member* object : {&container, &docker, &ip_address, &discovery}) {
    if (Status status = check_optional_object(*object); !status) return status;
  }
  return read_network_members({app_members[kNetworks], container_members[kPortMappings],
                               docker_members[kDockerPortMappings], docker_members[kNetwork],
                               ip_address, discovery_members[0], app_members[kPortDefinitions],
                               app_members[kPorts]},
                              app);
}

}  // namespace skylr::marathon
