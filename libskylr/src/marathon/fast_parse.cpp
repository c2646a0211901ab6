#include "marathon/fast_parse.h"

#include <rapidjson/encodedstream.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "marathon/health_check.h"

namespace skylr::marathon {
namespace {

// Where a JSON value goes, decided by the key or the array it is in.
enum class Slot : std::uint8_t {
  kSkip,  // not read: passed over whatever it holds
  // objects
  kRoot, kApp, kLabels, kTask, kIpAddress, kHealthResult, kNetwork, kContainer, kDocker,
  kLegacyIpAddress, kDiscovery, kMapping, kDiscoveryPort, kPortDefinition, kHealthCheck,
  // arrays
  kApps, kTasks, kPorts, kIpAddresses, kHealthResults, kNetworks, kMappings, kDiscoveryPorts,
  kPortDefinitions, kAppPorts, kHealthChecks,
  // scalars
  kAppId, kInstances, kLabelValue, kTaskId, kTaskAppId, kHost, kPort, kState, kStartedAt,
  kAddress, kProtocol, kAlive, kMode, kDockerNetwork, kMappedPort, kServicePort, kAppPort,
  kCheckProtocol, kCheckPortIndex, kCheckPort, kCheckPath, kCheckInterval, kCheckTimeout, kCheckFailures,
};

// A key of an object that is read, and where its value goes.
struct KeySlot {
  std::string_view key;
  Slot slot;
};

// The keys read of each object, the reference readers' keys. Where an object has a
// required key (has_required_key), it comes first.
constexpr KeySlot kAppKeys[] = {{"id", Slot::kAppId},         {"instances", Slot::kInstances},
                                {"labels", Slot::kLabels},    {"tasks", Slot::kTasks},
                                {"networks", Slot::kNetworks}, {"container", Slot::kContainer},
                                {"ipAddress", Slot::kLegacyIpAddress}, {"portDefinitions", Slot::kPortDefinitions},
                                {"ports", Slot::kAppPorts},    {"healthChecks", Slot::kHealthChecks}};
constexpr KeySlot kTaskKeys[] = {{"id", Slot::kTaskId},
                                 {"appId", Slot::kTaskAppId},
                                 {"host", Slot::kHost},
                                 {"ports", Slot::kPorts},
                                 {"ipAddresses", Slot::kIpAddresses},
                                 {"state", Slot::kState},
                                 {"startedAt", Slot::kStartedAt},
                                 {"healthCheckResults", Slot::kHealthResults}};
constexpr KeySlot kIpAddressKeys[] = {{"ipAddress", Slot::kAddress}, {"protocol", Slot::kProtocol}};
constexpr KeySlot kHealthResultKeys[] = {{"alive", Slot::kAlive}};
constexpr KeySlot kNetworkKeys[] = {{"mode", Slot::kMode}};
constexpr KeySlot kContainerKeys[] = {{"portMappings", Slot::kMappings}, {"docker", Slot::kDocker}};
constexpr KeySlot kDockerKeys[] = {{"portMappings", Slot::kMappings}, {"network", Slot::kDockerNetwork}};
constexpr KeySlot kLegacyIpAddressKeys[] = {{"discovery", Slot::kDiscovery}};
constexpr KeySlot kDiscoveryKeys[] = {{"ports", Slot::kDiscoveryPorts}};
constexpr KeySlot kMappingKeys[] = {{"containerPort", Slot::kMappedPort}, {"servicePort", Slot::kServicePort}};
constexpr KeySlot kDiscoveryPortKeys[] = {{"number", Slot::kMappedPort}};
constexpr KeySlot kPortDefinitionKeys[] = {{"port", Slot::kServicePort}};
constexpr KeySlot kHealthCheckKeys[] = {{"protocol", Slot::kCheckProtocol},
                                        {"portIndex", Slot::kCheckPortIndex},
                                        {"port", Slot::kCheckPort},
                                        {"path", Slot::kCheckPath},
                                        {"intervalSeconds", Slot::kCheckInterval},
                                        {"timeoutSeconds", Slot::kCheckTimeout},
                                        {"maxConsecutiveFailures", Slot::kCheckFailures}};

// The bit of `tasks` in an app frame's `seen` (its index in kAppKeys).
constexpr std::uint32_t kAppTasksBit = 1u << 3;
static_assert(kAppKeys[3].slot == Slot::kTasks);

bool is_object(Slot slot) { return slot >= Slot::kRoot && slot <= Slot::kHealthCheck; }
bool is_array(Slot slot) { return slot >= Slot::kApps && slot <= Slot::kHealthChecks; }

// Whether the first key of the object `slot` must be present and not null.
bool has_required_key(Slot slot) {
  return slot == Slot::kRoot || slot == Slot::kApp || slot == Slot::kTask ||
         slot == Slot::kIpAddress || slot == Slot::kHealthResult;
}

// The slot of every element of the array `slot`.
Slot element_of(Slot slot) {
  switch (slot) {
    case Slot::kApps: return Slot::kApp;
    case Slot::kTasks: return Slot::kTask;
    case Slot::kPorts: return Slot::kPort;
    case Slot::kIpAddresses: return Slot::kIpAddress;
    case Slot::kHealthResults: return Slot::kHealthResult;
    case Slot::kNetworks: return Slot::kNetwork;
    case Slot::kMappings: return Slot::kMapping;
    case Slot::kDiscoveryPorts: return Slot::kDiscoveryPort;
    case Slot::kPortDefinitions: return Slot::kPortDefinition;
    case Slot::kAppPorts: return Slot::kAppPort;
    case Slot::kHealthChecks: return Slot::kHealthCheck;
    default: return Slot::kSkip;
  }
}

// The keys read of the object `slot` (not the root or labels, whose keys vary).
std::span<const KeySlot> keys_of(Slot slot) {
  switch (slot) {
    case Slot::kApp: return kAppKeys;
    case Slot::kTask: return kTaskKeys;
    case Slot::kIpAddress: return kIpAddressKeys;
    case Slot::kHealthResult: return kHealthResultKeys;
    case Slot::kNetwork: return kNetworkKeys;
    case Slot::kContainer: return kContainerKeys;
    case Slot::kDocker: return kDockerKeys;
    case Slot::kLegacyIpAddress: return kLegacyIpAddressKeys;
    case Slot::kDiscovery: return kDiscoveryKeys;
    case Slot::kMapping: return kMappingKeys;
    case Slot::kDiscoveryPort: return kDiscoveryPortKeys;
    case Slot::kPortDefinition: return kPortDefinitionKeys;
    case Slot::kHealthCheck: return kHealthCheckKeys;
    default: return {};
  }
}

bool is_port(std::int64_t value) { return value >= 0 && value <= 65535; }

// `value` into `out` when it lies in [0, max]; false (declining) otherwise.
bool store_bounded(std::int64_t value, std::int64_t max, int& out) {
  if (value < 0 || value > max) return false;
  out = static_cast<int>(value);
  return true;
}

// Room reserved up front, so that vectors do not grow element by element: an app's tasks
// (its `instances`, which is untrusted, up to a bound) and a task's ports (rarely more).
constexpr int kTasksReservedAtMost = 1024;
constexpr std::size_t kPortsReserved = 4;

// A RapidJSON SAX handler building the answer; every handler returns false (which stops
// the parse) where the fast path declines.
class AnswerBuilder {
 public:
  // Reads the member `key` of the answer object as `slot` (kApps, kApp or kTasks).
  AnswerBuilder(std::string_view key, Slot slot, TasksMember tasks = TasksMember::kOptional)
      : root_keys_{{KeySlot{key, slot}}}, tasks_required_(tasks == TasksMember::kRequired) {}

  bool Null();
  bool Bool(bool value);
  bool Int(int value) { return integer(value); }
  bool Uint(unsigned value) { return integer(value); }
  bool Int64(std::int64_t value) { return integer(value); }
  bool Uint64(std::uint64_t value) {
    return value <= INT64_MAX ? integer(static_cast<std::int64_t>(value)) : unread();
  }
  bool Double(double) { return unread(); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return unread(); }
  bool String(const char* chars, rapidjson::SizeType length, bool);
  bool Key(const char* chars, rapidjson::SizeType length, bool);
  bool StartObject() { return open(true); }
  bool EndObject(rapidjson::SizeType);
  bool StartArray() { return open(false); }
  bool EndArray(rapidjson::SizeType);

  std::vector<App>& apps() { return apps_; }
  std::vector<Task>& tasks() { return tasks_; }

 private:
  // An object or array being read.
  struct Frame {
    Slot slot;
    std::uint32_t seen = 0;  // objects: bit i set once keys_of(slot)[i] was met
  };

  // The slot of the value starting now.
  Slot value_slot() const {
    if (frames_.empty()) return Slot::kRoot;
    const Slot container = frames_.back().slot;
    return is_array(container) ? element_of(container) : pending_;
  }
  // True for a value (not a container) that is not read: a number that is not an integer,
  // or any value in a skipped place.
  bool unread() const { return skip_depth_ > 0 || value_slot() == Slot::kSkip; }
  bool integer(std::int64_t value);
  // Starts an object (or an array) value.
  bool open(bool object);
  void begin_object(Slot slot);
  void begin_array(Slot slot);
  void begin_app();
  void end_app();

  std::array<KeySlot, 1> root_keys_;
  bool tasks_required_;            // an app without `tasks` (or with null) declines
  std::vector<Frame> frames_;
  Slot pending_ = Slot::kSkip;     // the slot of the value of the last key
  bool pending_required_ = false;  // the last key is a required one
  int skip_depth_ = 0;             // containers open inside a skipped value
  std::string label_key_;          // the last key of a labels object

  std::vector<App> apps_;
  std::vector<Task> tasks_;                  // a tasks answer
  App* app_ = nullptr;                       // the app being read
  Task* task_ = nullptr;                     // the task being read
  std::vector<Task>* task_list_ = nullptr;   // where tasks go
  std::vector<int>* port_list_ = nullptr;    // where port objects' container ports go
  std::vector<int>* service_list_ = nullptr; // where port objects' service ports go

  // The networking fields of the app being read; decided at its end like read_networking.
  bool networks_present_ = false;
  Networking networks_ = Networking::kHost;      // the 1.5+ `networks` folded so far
  Networking network_mode_ = Networking::kHost;  // of the `networks` entry being read
  bool legacy_ip_address_ = false;
  Networking docker_network_ = Networking::kHost;
  std::vector<int> discovery_ports_;
  std::vector<int> docker_mappings_;
  // The service port lists other than `portDefinitions`; chosen at its end like read_networking.
  std::vector<int> mapping_service_ports_;
  std::vector<int> docker_service_ports_;
  std::vector<int> legacy_ports_;
};

bool AnswerBuilder::Null() {
  if (skip_depth_ > 0) return true;
  if (frames_.empty() || is_array(frames_.back().slot)) return false;  // a null document or element
  if (pending_ == Slot::kTasks && tasks_required_) return false;
  return pending_ == Slot::kSkip || (!pending_required_ && pending_ != Slot::kLabelValue);
}

bool AnswerBuilder::Bool(bool value) {
  if (unread()) return true;
  if (value_slot() != Slot::kAlive) return false;
  task_->health_alive.back() = value;
  return true;
}

bool AnswerBuilder::integer(std::int64_t value) {
  if (unread()) return true;
  switch (value_slot()) {
    case Slot::kInstances:
      if (value < INT32_MIN || value > INT32_MAX) return false;
      app_->instances = static_cast<int>(value);
      return true;
    case Slot::kPort:
      if (!is_port(value)) return false;
      task_->ports.push_back(static_cast<int>(value));
      return true;
    case Slot::kMappedPort:
      if (!is_port(value)) return false;
      port_list_->back() = static_cast<int>(value);
      return true;
    case Slot::kServicePort:
      if (!is_port(value)) return false;
      service_list_->back() = static_cast<int>(value);
      return true;
    case Slot::kAppPort:
      if (!is_port(value)) return false;
      legacy_ports_.push_back(static_cast<int>(value));
      return true;
    case Slot::kCheckPortIndex: return store_bounded(value, kMaxHealthPortIndex, app_->health_checks.back().port_index);
    case Slot::kCheckPort: return store_bounded(value, 65535, app_->health_checks.back().port.emplace());
    case Slot::kCheckInterval:
      return store_bounded(value, kMaxHealthSeconds, app_->health_checks.back().interval_seconds);
    case Slot::kCheckTimeout:
      return store_bounded(value, kMaxHealthSeconds, app_->health_checks.back().timeout_seconds);
    case Slot::kCheckFailures:
      return store_bounded(value, kMaxHealthFailures, app_->health_checks.back().max_consecutive_failures);
    default:
      return false;
  }
}

bool AnswerBuilder::String(const char* chars, rapidjson::SizeType length, bool) {
  if (unread()) return true;
  const std::string_view text(chars, length);
  switch (value_slot()) {
    case Slot::kAppId: app_->id = normalize_app_id(text); return true;
    case Slot::kLabelValue: app_->labels.emplace(label_key_, text); return true;
    case Slot::kTaskId: task_->id.assign(text); return true;
    case Slot::kTaskAppId: task_->app_id = normalize_app_id(text); return true;
    case Slot::kHost: task_->host.assign(text); return true;
    case Slot::kState: task_->state.emplace(text); return true;
    case Slot::kStartedAt: task_->started = true; return true;
    case Slot::kAddress: task_->ip_addresses.back().address.assign(text); return true;
    case Slot::kProtocol: task_->ip_addresses.back().protocol.assign(text); return true;
    case Slot::kMode:
      network_mode_ = text == "container"          ? Networking::kContainer
                      : text == "container/bridge" ? Networking::kBridge
                                                   : Networking::kHost;
      return true;
    case Slot::kDockerNetwork:
      docker_network_ = text == "BRIDGE" ? Networking::kBridge
                        : text == "USER" ? Networking::kContainer
                                         : Networking::kHost;
      return true;
    case Slot::kCheckProtocol:
      if (text.size() > kMaxHealthProtocolLength) return false;
      app_->health_checks.back().protocol.assign(text);
      return true;
    case Slot::kCheckPath: app_->health_checks.back().path.assign(text); return true;
    default:
      return false;
  }
}

bool AnswerBuilder::Key(const char* chars, rapidjson::SizeType length, bool) {
  if (skip_depth_ > 0) return true;
  const std::string_view key(chars, length);
  Frame& frame = frames_.back();
  pending_required_ = false;
  if (frame.slot == Slot::kLabels) {
    label_key_.assign(key);
    pending_ = Slot::kLabelValue;
    return true;
  }
  const std::span<const KeySlot> keys = frame.slot == Slot::kRoot ? root_keys_ : keys_of(frame.slot);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (key != keys[i].key) continue;
    const std::uint32_t bit = 1u << i;
    if ((frame.seen & bit) != 0) return false;  // a repeated key: the first one counts
    frame.seen |= bit;
    pending_ = keys[i].slot;
    pending_required_ = i == 0 && has_required_key(frame.slot);
    return true;
  }
  pending_ = Slot::kSkip;
  return true;
}

bool AnswerBuilder::open(bool object) {
  if (skip_depth_ > 0 || value_slot() == Slot::kSkip) {
    ++skip_depth_;
    return true;
  }
  const Slot slot = value_slot();
  if (object ? !is_object(slot) : !is_array(slot)) return false;
  if (object) {
    begin_object(slot);
  } else {
    begin_array(slot);
  }
  frames_.push_back({slot});
  return true;
}

bool AnswerBuilder::EndObject(rapidjson::SizeType) {
  if (skip_depth_ > 0) {
    --skip_depth_;
    return true;
  }
  const Frame frame = frames_.back();
  frames_.pop_back();
  if (has_required_key(frame.slot) && (frame.seen & 1u) == 0) return false;
  if (frame.slot == Slot::kApp && tasks_required_ && (frame.seen & kAppTasksBit) == 0) return false;
  if (frame.slot == Slot::kApp) end_app();
  if (frame.slot == Slot::kNetwork) {
    // "container" wins over "container/bridge", which wins over "host" and the rest.
    if (network_mode_ == Networking::kContainer) {
      networks_ = Networking::kContainer;
    } else if (network_mode_ == Networking::kBridge && networks_ == Networking::kHost) {
      networks_ = Networking::kBridge;
    }
  }
  return true;
}

bool AnswerBuilder::EndArray(rapidjson::SizeType) {
  if (skip_depth_ > 0) {
    --skip_depth_;
  } else {
    frames_.pop_back();
  }
  return true;
}

void AnswerBuilder::begin_object(Slot slot) {
  switch (slot) {
    case Slot::kApp: begin_app(); break;
    case Slot::kTask: task_ = &task_list_->emplace_back(); break;
    case Slot::kIpAddress: task_->ip_addresses.emplace_back(); break;
    case Slot::kHealthResult: task_->health_alive.push_back(false); break;
    case Slot::kNetwork: network_mode_ = Networking::kContainer; break;  // Marathon's default
    case Slot::kLegacyIpAddress: legacy_ip_address_ = true; break;
    case Slot::kMapping:
      port_list_->push_back(0);
      service_list_->push_back(0);
      break;
    case Slot::kDiscoveryPort: port_list_->push_back(0); break;
    case Slot::kPortDefinition: service_list_->push_back(0); break;
    case Slot::kHealthCheck: app_->health_checks.emplace_back(); break;
    default: break;
  }
}

void AnswerBuilder::begin_array(Slot slot) {
  const Slot container = frames_.back().slot;  // arrays are never the root
  switch (slot) {
    case Slot::kTasks:
      task_list_ = container == Slot::kRoot ? &tasks_ : &app_->tasks;
      if (container == Slot::kApp) {
        task_list_->reserve(static_cast<std::size_t>(std::clamp(app_->instances, 0, kTasksReservedAtMost)));
      }
      break;
    case Slot::kPorts: task_->ports.reserve(kPortsReserved); break;
    case Slot::kNetworks: networks_present_ = true; break;
    case Slot::kMappings:
      port_list_ = container == Slot::kDocker ? &docker_mappings_ : &app_->container_ports;
      service_list_ = container == Slot::kDocker ? &docker_service_ports_ : &mapping_service_ports_;
      break;
    case Slot::kDiscoveryPorts: port_list_ = &discovery_ports_; break;
    case Slot::kPortDefinitions: service_list_ = &app_->service_ports; break;
    default: break;
  }
}

void AnswerBuilder::begin_app() {
  app_ = &apps_.emplace_back();
  networks_present_ = false;
  networks_ = Networking::kHost;
  legacy_ip_address_ = false;
  docker_network_ = Networking::kHost;
  discovery_ports_.clear();
  docker_mappings_.clear();
  mapping_service_ports_.clear();
  docker_service_ports_.clear();
  legacy_ports_.clear();
}

void AnswerBuilder::end_app() {
  if (networks_present_) {
    app_->networking = networks_;
  } else {
    app_->networking = legacy_ip_address_ ? Networking::kContainer : docker_network_;
  }
  // Container ports: the first of container.portMappings, ipAddress.discovery.ports and
  // container.docker.portMappings that lists any.
  if (app_->container_ports.empty()) {
    app_->container_ports = std::move(discovery_ports_.empty() ? docker_mappings_ : discovery_ports_);
  }
  // Service ports: the first of portDefinitions, container.portMappings,
  // container.docker.portMappings and the legacy `ports` that lists any.
  for (std::vector<int>* ports : {&mapping_service_ports_, &docker_service_ports_, &legacy_ports_}) {
    if (!app_->service_ports.empty()) break;
    app_->service_ports = std::move(*ports);
  }
}

// Runs `builder` over `body`; false when the fast path declines.
bool build(std::string_view body, AnswerBuilder& builder) {
  // The flags and stream of the reference parse (marathon_filter.cpp): the same texts are JSON.
  constexpr unsigned kFlags = rapidjson::kParseDefaultFlags | rapidjson::kParseIterativeFlag;
  rapidjson::MemoryStream memory(body.data(), body.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> input(memory);
  rapidjson::Reader reader;
  return !reader.Parse<kFlags>(input, builder).IsError();
}

}  // namespace

std::optional<std::vector<App>> fast_parse_apps(std::string_view body, TasksMember tasks) {
  AnswerBuilder builder("apps", Slot::kApps, tasks);
  if (!build(body, builder)) return std::nullopt;
  return std::move(builder.apps());
}

std::optional<App> fast_parse_app(std::string_view body, TasksMember tasks) {
  AnswerBuilder builder("app", Slot::kApp, tasks);
  if (!build(body, builder)) return std::nullopt;
  return std::move(builder.apps().front());
}

std::optional<std::vector<Task>> fast_parse_tasks(std::string_view body) {
  AnswerBuilder builder("tasks", Slot::kTasks);
  if (!build(body, builder)) return std::nullopt;
  return std::move(builder.tasks());
}

}  // namespace skylr::marathon
