#include "synthetic_apps.h"

#include <fmt/format.h>

#include <cstdint>
#include <iterator>

namespace skylr::bench {
namespace {

// splitmix64: small, fast and the same everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int below(int bound) { return static_cast<int>(next() % static_cast<std::uint64_t>(bound)); }

 private:
  std::uint64_t state_;
};

using Buffer = fmt::memory_buffer;

constexpr const char* kVersion = "2024-03-11T09:21:44.512Z";

// A task id in Marathon's form: "<path with / as _>.<uuid>".
std::string task_id(const std::string& app_id, Random& random) {
  std::string path = app_id.substr(1);
  for (char& c : path) c = c == '/' ? '_' : c;
  std::uint64_t a = random.next();
  std::uint64_t b = random.next();
  return fmt::format("{}.{:08x}-{:04x}-11ee-{:04x}-{:012x}", path, a >> 32, a & 0xffff, b >> 48,
                     b & 0xffffffffffffULL);
}

// The agent a task runs on: half the cluster is known by name, half by IP.
std::string agent_host(Random& random) {
  int agent = random.below(4000);
  if (agent % 2 == 0) return fmt::format("agent-{:04}.dc1.example.internal", agent);
  return fmt::format("10.{}.{}.{}", 20 + agent / 1000, (agent / 10) % 100, 10 + agent % 200);
}

enum class TaskState { kRunning, kUnhealthy, kStaging };

TaskState pick_state(Random& random, TaskMix& mix) {
  int roll = random.below(100);
  if (roll < 84) return ++mix.running, TaskState::kRunning;
  if (roll < 92) return ++mix.unhealthy, TaskState::kUnhealthy;
  return ++mix.staging, TaskState::kStaging;
}

void append_health(Buffer& out, TaskState state, const std::string& id) {
  if (state == TaskState::kStaging) {
    fmt::format_to(std::back_inserter(out), R"("healthCheckResults":[])");
    return;
  }
  bool alive = state == TaskState::kRunning;
  fmt::format_to(std::back_inserter(out),
                 R"("healthCheckResults":[{{"alive":{},"consecutiveFailures":{},"firstSuccess":"{}",)"
                 R"("lastFailure":{},"lastSuccess":"{}","lastFailureCause":{},"instanceId":"{}"}}])",
                 alive, alive ? 0 : 3, kVersion, alive ? "null" : "\"2024-03-11T10:02:13.004Z\"", kVersion,
                 alive ? "null" : "\"ConnectionRefused\"", id);
}

void append_task(Buffer& out, const std::string& app_id, int service_port, Random& random, TaskMix& mix) {
  std::string id = task_id(app_id, random);
  std::string host = agent_host(random);
  TaskState state = pick_state(random, mix);
  int port = 31000 + random.below(1000);
  fmt::format_to(std::back_inserter(out),
                 R"({{"id":"{}","slaveId":"5d6c1b2a-0f3e-4c55-9d1a-{:012x}-S{}","host":"{}","state":"{}",)"
                 R"("stagedAt":"{}",)",
                 id, random.next() & 0xffffffffffffULL, random.below(400), host,
                 state == TaskState::kStaging ? "TASK_STAGING" : "TASK_RUNNING", kVersion);
  if (state != TaskState::kStaging) fmt::format_to(std::back_inserter(out), R"("startedAt":"{}",)", kVersion);
  fmt::format_to(std::back_inserter(out),
                 R"("ports":[{},{}],"servicePorts":[{},{}],"ipAddresses":[{{"ipAddress":"10.{}.{}.{}",)"
                 R"("protocol":"IPv4"}}],"appId":"{}","version":"{}","localVolumes":[],)",
                 port, port + 1, service_port, service_port + 1, random.below(250), random.below(250),
                 random.below(250), app_id, kVersion);
  append_health(out, state, id);
  out.push_back('}');
}

// Fields of an app that are the same in answers and in sim definitions.
void append_definition(Buffer& out, int index, int instances) {
  fmt::format_to(std::back_inserter(out),
                 R"("id":"{}","cmd":"exec ./serve --port $PORT0 --admin $PORT1","instances":{},"cpus":0.25,)"
                 R"("mem":256,"disk":0,"gpus":0,"env":{{"JAVA_OPTS":"-Xmx200m","ENVIRONMENT":"production"}},)"
                 R"("constraints":[["hostname","UNIQUE"]],"labels":{{"HAPROXY_GROUP":"external",)"
                 R"("team":"team-{}","tier":"{}","owner":"svc-{}@example.org"}},)"
                 R"("healthChecks":[{{"protocol":"HTTP","path":"/health","portIndex":0,"gracePeriodSeconds":300,)"
                 R"("intervalSeconds":60,"timeoutSeconds":20,"maxConsecutiveFailures":3,"ignoreHttp1xx":false}}],)",
                 synthetic_app_id(index), instances, index % 40, index % 3 == 0 ? "web" : "worker", index);
}

void append_app(Buffer& out, int index, int tasks, Random& random, TaskMix& mix) {
  std::string id = synthetic_app_id(index);
  int service_port = 10000 + 2 * (index % 20000);
  out.push_back('{');
  append_definition(out, index, tasks);
  fmt::format_to(std::back_inserter(out),
                 R"("portDefinitions":[{{"port":{},"protocol":"tcp","name":"http","labels":{{}}}},)"
                 R"({{"port":{},"protocol":"tcp","name":"admin","labels":{{}}}}],"requirePorts":false,)"
                 R"("networks":[{{"mode":"host"}}],"container":null,"backoffSeconds":1,"backoffFactor":1.15,)"
                 R"("maxLaunchDelaySeconds":3600,"upgradeStrategy":{{"maximumOverCapacity":1,)"
                 R"("minimumHealthCapacity":1}},"killSelection":"YOUNGEST_FIRST","unreachableStrategy":)"
                 R"({{"inactiveAfterSeconds":300,"expungeAfterSeconds":600}},"version":"{}","versionInfo":)"
                 R"({{"lastScalingAt":"{}","lastConfigChangeAt":"{}"}},"deployments":[],"tasks":[)",
                 service_port, service_port + 1, kVersion, kVersion, kVersion);
  for (int task = 0; task < tasks; ++task) {
    if (task > 0) out.push_back(',');
    append_task(out, id, service_port, random, mix);
  }
  fmt::format_to(std::back_inserter(out), R"(],"tasksStaged":0,"tasksRunning":{},"tasksHealthy":{},)"
                                          R"("tasksUnhealthy":0,"lastTaskFailure":null}})",
                 tasks, tasks);
}

}  // namespace

std::string synthetic_app_id(int index) { return fmt::format("/bench/group-{:02}/app-{:05}", index % 100, index); }

std::string synthetic_marathon_answer(int apps, int tasks, TaskMix* mix) {
  Random random(0x5eed0000ULL + static_cast<std::uint64_t>(apps));
  TaskMix counts;
  Buffer out;
  fmt::format_to(std::back_inserter(out), R"({{"apps":[)");
  for (int index = 0; index < apps; ++index) {
    if (index > 0) out.push_back(',');
    append_app(out, index, tasks, random, counts);
  }
  fmt::format_to(std::back_inserter(out), "]}}");
  if (mix != nullptr) *mix = counts;
  return fmt::to_string(out);
}

std::string synthetic_sim_apps(int apps, int instances) {
  Buffer out;
  fmt::format_to(std::back_inserter(out), R"({{"apps":[)");
  for (int index = 0; index < apps; ++index) {
    if (index > 0) out.push_back(',');
    out.push_back('{');
    append_definition(out, index, instances);
    fmt::format_to(std::back_inserter(out),
                   R"("portDefinitions":[{{"port":0,"protocol":"tcp","name":"http"}},)"
                   R"({{"port":0,"protocol":"tcp","name":"admin"}}]}})");
  }
  fmt::format_to(std::back_inserter(out), "]}}");
  return fmt::to_string(out);
}

}  // namespace skylr::bench
