// Networking of Marathon apps, both shapes. 1.5+: `networks[].mode` decides (any
// "container" network means IP per task, else "container/bridge" means bridged ports, else
// host ports). Before 1.5: an `ipAddress` object means IP per task, else
// `container.docker.network` BRIDGE/USER decides. Container ports come from the first of
// `container.portMappings`, `ipAddress.discovery.ports` and `container.docker.portMappings`
// that lists any.
#include "marathon_networking.h"

#include <string>
#include <string_view>

#include "marathon_json.h"

namespace skylr {
namespace {

// The objects of an app that say how its tasks are reached; nullptr when absent.
struct NetworkObjects {
  const rapidjson::Value* container = nullptr;   // `container`
  const rapidjson::Value* docker = nullptr;      // `container.docker`
  const rapidjson::Value* ip_address = nullptr;  // `ipAddress` (before 1.5)
  const rapidjson::Value* discovery = nullptr;   // `ipAddress.discovery` (before 1.5)
};

Status find_network_objects(const rapidjson::Value& app, const JsonPath& path,
                            NetworkObjects& objects) {
  Status status = find_object(app, "container", path, objects.container);
  if (status && objects.container != nullptr) {
    status = find_object(*objects.container, "docker", path.member("container"), objects.docker);
  }
  if (status) status = find_object(app, "ipAddress", path, objects.ip_address);
  if (status && objects.ip_address != nullptr) {
    status = find_object(*objects.ip_address, "discovery", path.member("ipAddress"),
                         objects.discovery);
  }
  return status;
}

// Folds one entry of 1.5+ `networks` into `networking`: "container" wins over
// "container/bridge", which wins over "host" and unknown modes.
Status apply_network(const rapidjson::Value& network, const JsonPath& path,
                     Networking& networking) {
  if (Status status = check_object(network, path); !status) return status;
  std::string mode = "container";  // Marathon's default when `mode` is left out
  if (Status status = read_optional_string(network, "mode", path, mode); !status) return status;
  if (mode == "container") {
    networking = Networking::kContainer;
  } else if (mode == "container/bridge" && networking == Networking::kHost) {
    networking = Networking::kBridge;
  }
  return {};
}

Status read_legacy_networking(const NetworkObjects& objects, const JsonPath& path,
                              Networking& networking) {
  if (objects.ip_address != nullptr) {
    networking = Networking::kContainer;
    return {};
  }
  if (objects.docker == nullptr) return {};
  std::string network;
  Status status = read_optional_string(*objects.docker, "network",
                                       path.member("container").member("docker"), network);
  if (network == "BRIDGE") networking = Networking::kBridge;
  if (network == "USER") networking = Networking::kContainer;
  return status;
}

// A reader for read_array: the port in member `key` of a port object, 0 when absent.
auto port_member_reader(std::string_view key) {
  return [key](const rapidjson::Value& value, const JsonPath& path, int& port) {
    Status status = check_object(value, path);
    if (status) status = read_optional_int(value, key, path, port, 0, 65535);
    return status;
  };
}

Status read_container_ports(const NetworkObjects& objects, const JsonPath& path,
                            std::vector<int>& ports) {
  JsonPath container_path = path.member("container");
  Status status;
  if (objects.container != nullptr) {
    status = read_array_member(*objects.container, "portMappings", container_path, ports,
                               port_member_reader("containerPort"));
  }
  if (status && ports.empty() && objects.discovery != nullptr) {
    status = read_array_member(*objects.discovery, "ports",
                               path.member("ipAddress").member("discovery"), ports,
                               port_member_reader("number"));
  }
  if (status && ports.empty() && objects.docker != nullptr) {
    status = read_array_member(*objects.docker, "portMappings", container_path.member("docker"),
                               ports, port_member_reader("containerPort"));
  }
  return status;
}

}  // namespace

Status read_networking(const rapidjson::Value& value, const JsonPath& path, App& app) {
  NetworkObjects objects;
  Status status = find_network_objects(value, path, objects);
  if (!status) return status;
  if (const rapidjson::Value* networks = find_member(value, "networks")) {
    status = for_each_element(*networks, path.member("networks"),
                              [&app](const rapidjson::Value& network, const JsonPath& network_path) {
                                return apply_network(network, network_path, app.networking);
                              });
  } else {
    status = read_legacy_networking(objects, path, app.networking);
  }
  if (status) status = read_container_ports(objects, path, app.container_ports);
  return status;
}

}  // namespace skylr
