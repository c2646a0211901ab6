// The end-to-end stack over the real binaries, cpp-httplib for the simulator's API and
// raw requests for skylrd's endpoints.
#include "e2e_stack.h"

#include <httplib.h>

#include <csignal>
#include <fstream>
#include <regex>
#include <sstream>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace skylr::e2e {
namespace {

// The first line of a process announcing "<program> listening on 127.0.0.1:<port>": the port.
int announced_port(testing::ChildProcess& process, const std::string& program) {
  std::string line = process.first_line(10s);
  std::smatch match;
  bool matched = std::regex_match(line, match, std::regex(program + R"( listening on 127\.0\.0\.1:(\d+))"));
  REQUIRE_MESSAGE(matched, program, " printed \"", line, "\"; its log:\n", process.error_output());
  return std::stoi(match[1].str());
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// /web with `instances` tasks, each serving HTTP on its first port.
std::string apps_json(int instances) {
  return fmt::format(R"({{"apps": [{{"id": "/web", "cmd": "serve", "instances": {},
  "portDefinitions": [{{"port": 0, "protocol": "tcp", "name": "http"}}]}}]}})",
                     instances);
}

std::string skylrd_config(const testing::TempDir& dir, int sim_port, int standby_port, int service_port,
                          const SkylrdSettings& settings) {
  std::string backend_port =
      settings.backend_port ? fmt::format(R"(, "backend_port": {})", settings.backend_port) : "";
  if (settings.web_https_port != 0) {
    backend_port += fmt::format(R"(, "https_port": {}, "redirect_to_https": true)", settings.web_https_port);
  }
  std::string hosts = fmt::format(R"("127.0.0.1:{}")", sim_port);
  std::string log = settings.haproxy_log_target.empty()
                        ? ""
                        : fmt::format(R"(, "log": {{"target": "{}"}})", settings.haproxy_log_target);
  if (standby_port != 0) hosts += fmt::format(R"(, "127.0.0.1:{}")", standby_port);
  std::string discovery =
      settings.discovery_http_port == 0
          ? ""
          : fmt::format(R"(,
  "discovery": {{"groups": ["e2e"], "http_port": {}, "http_bind_address": "127.0.0.1"}})",
                        settings.discovery_http_port);
  if (settings.https_port != 0) {
    discovery += fmt::format(R"(,
  "tls": {{"certificates": "{}", "default_certificate": "default.pem", "https_port": {},
          "https_bind_address": "127.0.0.1"}})",
                             settings.tls_certificates, settings.https_port);
  }
  return fmt::format(R"({{
  "marathon_hosts": [{}],
  "services": {{"web": {{"port": {}{}}}}},
  "config_destination": "{}",
  "pid_file": "{}",
  "listen": "127.0.0.1:0",
  "haproxy": {{"binary": "{}", "bind_address": "127.0.0.1", "timeout_client_ms": {}{}}},
  "reload": {{"mode": "{}", "min_interval_ms": {}, "resync_interval_s": {},
             "master_socket": "{}", "admin_socket": "{}"}},
  "events": {{"sse": {}}}{}
}}
)",
                     hosts, service_port, backend_port, dir.path("haproxy.cfg"),
                     dir.path("haproxy.pid"), settings.haproxy_binary, settings.timeout_client_ms, log,
                     settings.reload_mode,
                     settings.min_interval_ms, settings.resync_interval_s, dir.path("master.sock"),
                     dir.path("admin.sock"), settings.sse, discovery);
}

httplib::Client sim_client(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(3s);
  client.set_read_timeout(3s);
  return client;
}

// REQUIREs that `result` is an answer with status 200.
void require_ok(const httplib::Result& result, const std::string& what) {
  REQUIRE_MESSAGE(result, what, ": ", httplib::to_string(result.error()));
  REQUIRE_MESSAGE(result->status == 200, what, ": ", result->status, " ", result->body);
}

}  // namespace

SimProcess::SimProcess(const testing::TempDir& dir, int instances, int port) : dir_(dir), port_(port) {
  std::ofstream(dir.path("apps.json")) << apps_json(instances);
  start();
}

void SimProcess::start() {
  ++starts_;
  process_ = std::make_unique<testing::ChildProcess>(
      std::vector<std::string>{MARATHON_SIM_BINARY, "--port", std::to_string(port_), "--apps",
                               dir_.path("apps.json"), "--launch", "--stage-ms", "100",
                               "--kill-grace-ms", "2000", "--heartbeat-ms", "1000"},
      dir_.path(fmt::format("sim-{}.out", starts_)), dir_.path(fmt::format("sim-{}.log", starts_)));
  port_ = announced_port(*process_, "marathon-sim");
}

void SimProcess::stop() {
  REQUIRE(process_->stop(SIGTERM, 5s) == 0);
  process_.reset();
}

void SimProcess::scale(int instances) {
  require_ok(sim_client(port_).Put("/v2/apps/web?force=true", fmt::format(R"({{"instances":{}}})", instances),
                                   "application/json"),
             "scale /web");
}

std::set<std::string> SimProcess::running_tasks() {
  httplib::Result result = sim_client(port_).Get("/v2/apps/web/tasks");
  require_ok(result, "GET /v2/apps/web/tasks");
  rapidjson::Document document;
  document.Parse(result->body.c_str());
  REQUIRE((document.IsObject() && document.HasMember("tasks") && document["tasks"].IsArray()));
  std::set<std::string> ids;
  for (const auto& task : document["tasks"].GetArray()) {
    REQUIRE((task.IsObject() && task.HasMember("id") && task["id"].IsString() &&
             task.HasMember("state") && task["state"].IsString()));
    if (std::string(task["state"].GetString()) == "TASK_RUNNING") ids.insert(task["id"].GetString());
  }
  return ids;
}

void SimProcess::kill_task(const std::string& id) {
  require_ok(sim_client(port_).Delete("/v2/apps/web/tasks/" + id), "kill " + id);
}

void SimProcess::put_app(const std::string& id, const std::string& body) {
  httplib::Result result = sim_client(port_).Put(fmt::format("/v2/apps{}?force=true", id), body, "application/json");
  REQUIRE_MESSAGE(result, "PUT ", id, ": ", httplib::to_string(result.error()));
  REQUIRE_MESSAGE((result->status == 200 || result->status == 201), "PUT ", id, ": ", result->status, " ", result->body);
}

void SimProcess::delete_app(const std::string& id) {
  require_ok(sim_client(port_).Delete(fmt::format("/v2/apps{}?force=true", id)), "DELETE " + id);
}

void SimProcess::control(const std::string& path) {
  require_ok(sim_client(port_).Post(path), path);
}

StandbyProcess::StandbyProcess(const testing::TempDir& dir, int primary_port) {
  process_ = std::make_unique<testing::ChildProcess>(
      std::vector<std::string>{MARATHON_SIM_BINARY, "--port", "0", "--standby-of",
                               fmt::format("127.0.0.1:{}", primary_port)},
      dir.path("standby.out"), dir.path("standby.log"));
  port_ = announced_port(*process_, "marathon-sim");
}

SkylrdProcess::SkylrdProcess(const testing::TempDir& dir, int sim_port, const SkylrdSettings& settings,
                             testing::HaproxyGuard& guard, int standby_port)
    : dir_(dir), sim_port_(sim_port), standby_port_(standby_port), config_path_(dir.path("skylr.json")),
      destination_(dir.path("haproxy.cfg")),
      service_port_(settings.service_port ? settings.service_port : testing::free_port()) {
  static int starts = 0;  // each skylrd of a test gets its own output files
  ++starts;
  std::ofstream(config_path_) << skylrd_config(dir, sim_port, standby_port, service_port_, settings);
  guard.add_pid_file(dir.path("haproxy.pid"));
  std::vector<std::string> argv{SKYLRD_BINARY, "--config", config_path_};
  if (settings.stop_haproxy_on_exit) argv.push_back("--stop-haproxy-on-exit");
  if (!settings.log_format.empty()) argv.insert(argv.end(), {"--log-format", settings.log_format});
  process_ = std::make_unique<testing::ChildProcess>(argv, dir.path(fmt::format("skylrd-{}.out", starts)),
                                                     dir.path(fmt::format("skylrd-{}.log", starts)));
  port_ = announced_port(*process_, "skylrd");
}

void SkylrdProcess::reconfigure(const SkylrdSettings& settings) {
  reconfigure_text(skylrd_config(dir_, sim_port_, standby_port_, service_port_, settings));
}

void SkylrdProcess::reconfigure_text(const std::string& text) {
  std::ofstream(config_path_) << text;
  hangup();
}

void SkylrdProcess::hangup() { REQUIRE(::kill(process_->pid(), SIGHUP) == 0); }

pid_t worker_of(pid_t master) {
  std::ifstream children("/proc/" + std::to_string(master) + "/task/" + std::to_string(master) + "/children");
  pid_t worker = 0;
  children >> worker;
  return worker;
}

testing::HttpReply SkylrdProcess::get(const std::string& path) const {
  return testing::http_request_from("127.0.0.1", port_, "GET", path);
}

testing::HttpReply SkylrdProcess::post_event(const std::string& event, const std::string& source) const {
  return testing::http_request_from(source, port_, "POST", "/marathon", event);
}

bool SkylrdProcess::healthy() const { return get("/health").status == 200; }

rapidjson::Document SkylrdProcess::status() const {
  testing::HttpReply reply = get("/status");
  REQUIRE_MESSAGE(reply.status == 200, "GET /status: ", reply.status, " ", reply.error, reply.body);
  rapidjson::Document document;
  document.Parse(reply.body.c_str());
  REQUIRE_MESSAGE(document.IsObject(), "GET /status: ", reply.body);
  return document;
}

std::string SkylrdProcess::last_apply(const char* key) const {
  rapidjson::Document document = status();
  if (!document.HasMember("last_apply") || !document["last_apply"].IsObject()) return "";
  const auto& apply = document["last_apply"];
  return apply.HasMember(key) && apply[key].IsString() ? apply[key].GetString() : "";
}

std::set<std::string> SkylrdProcess::routed_tasks() const {
  rapidjson::Document document = status();
  std::set<std::string> ids;
  REQUIRE((document.HasMember("services") && document["services"].IsArray()));
  for (const auto& service : document["services"].GetArray()) {
    REQUIRE((service.IsObject() && service.HasMember("name") && service["name"].IsString()));
    if (std::string(service["name"].GetString()) != "web") continue;
    REQUIRE((service.HasMember("servers") && service["servers"].IsArray()));
    for (const auto& server : service["servers"].GetArray()) {
      REQUIRE((server.IsObject() && server.HasMember("task_id") && server["task_id"].IsString()));
      ids.insert(server["task_id"].GetString());
    }
  }
  return ids;
}

double SkylrdProcess::metric(const std::string& name, const std::string& label) const {
  testing::HttpReply reply = get("/metrics");
  REQUIRE_MESSAGE(reply.status == 200, "GET /metrics: ", reply.status, " ", reply.error);
  std::istringstream lines(reply.body);
  double sum = 0;
  for (std::string line; std::getline(lines, line);) {
    std::size_t value_at = line.rfind(' ');
    if (line.starts_with('#') || value_at == std::string::npos) continue;
    std::string series = line.substr(0, value_at);
    if (series.substr(0, series.find('{')) != name) continue;
    if (series.find(label) != std::string::npos) sum += std::stod(line.substr(value_at + 1));
  }
  return sum;
}

std::string SkylrdProcess::live_config() const { return read_text(destination_); }

int SkylrdProcess::stop() { return process_->stop(SIGTERM, 10s); }

Stack::Stack(int instances, const SkylrdSettings& settings)
    : sim(dir, instances),
      standby(settings.standby ? std::make_unique<StandbyProcess>(dir, sim.port()) : nullptr),
      skylrd(dir, sim.port(), settings, guard, standby ? standby->port() : 0) {}

bool Stack::in_sync(std::chrono::milliseconds timeout) {
  return testing::wait_until(
      [this] { return skylrd.healthy() && skylrd.routed_tasks() == sim.running_tasks(); }, timeout);
}

std::string Stack::await_traffic(std::size_t tasks, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::set<std::string> running;
  if (!testing::wait_until([&] { return (running = sim.running_tasks()).size() == tasks; }, timeout)) {
    return fmt::format("the simulator runs {} tasks, not {}", running.size(), tasks);
  }
  auto left = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  };
  if (!testing::wait_until([&] { return skylrd.routed_tasks() == running; }, left())) {
    return fmt::format("/status routes {}, not {}", fmt::join(skylrd.routed_tasks(), " "), fmt::join(running, " "));
  }
  return e2e::await_traffic(skylrd.service_port(), running, left());
}

std::string task_of(const std::string& answer) {
  std::size_t space = answer.find(' ');
  if (!answer.starts_with("/web ") || !answer.ends_with('\n')) return answer;
  return answer.substr(space + 1, answer.size() - space - 2);
}

std::map<std::string, int> sample_traffic(int port, int count) {
  std::map<std::string, int> answers;
  for (int i = 0; i < count; ++i) ++answers[task_of(testing::http_get(port))];
  return answers;
}

std::string await_traffic(int port, const std::set<std::string>& tasks, std::chrono::milliseconds timeout) {
  std::map<std::string, int> answers;
  bool reached = testing::wait_until(
      [&] {
        answers = sample_traffic(port, 4 * static_cast<int>(tasks.size()) + 2);
        std::set<std::string> seen;
        for (const auto& [task, count] : answers) seen.insert(task);
        return seen == tasks;
      },
      timeout);
  if (reached) return "";
  std::string text = fmt::format("expected {}; the last round:", fmt::join(tasks, " "));
  for (const auto& [answer, count] : answers) text += fmt::format(" {} x{};", answer, count);
  return text;
}

std::string status_update_event(const std::string& task_id, const std::string& status) {
  return fmt::format(R"({{"eventType":"status_update_event","timestamp":"2024-01-01T00:00:00.000Z",)"
                     R"("slaveId":"s1","taskId":"{}","taskStatus":"{}","message":"","appId":"/web",)"
                     R"("host":"127.0.0.1","ipAddresses":[],"ports":[],"version":"2024-01-01T00:00:00.000Z"}})",
                     task_id, status);
}

}  // namespace skylr::e2e
