#include "sim_fixture.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

namespace skylr::sim::testing {

SimOptions test_options(int stage_ms) {
  SimOptions options;
  options.port = 0;
  options.stage_ms = stage_ms;
  options.heartbeat_ms = 100;
  return options;
}

std::string read_data(const std::string& name) {
  std::ifstream file(std::string(SIM_TEST_DATA_DIR) + "/" + name);
  REQUIRE(file.good());
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.data(), text.size());
  REQUIRE_MESSAGE(!document.HasParseError(), text);
  return document;
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

RunningSim::RunningSim(SimOptions options, const std::string& apps_json) : server_([&] {
  options.port = 0;
  return options;
}()) {
  if (!apps_json.empty()) REQUIRE(server_.load_apps(apps_json, "apps.json").ok());
  auto port = server_.bind();
  REQUIRE(port.ok());
  port_ = *port;
  thread_ = std::thread([this] { server_.listen(); });
  REQUIRE(eventually([this] { return server_.is_running(); }));
}

RunningSim::~RunningSim() {
  server_.stop();
  thread_.join();
}

httplib::Client RunningSim::client() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(3, 0);
  client.set_read_timeout(3, 0);
  return client;
}

RunningStandby::RunningStandby(int primary_port) : server_([&] {
  SimOptions options = test_options();
  options.standby_of = "127.0.0.1:" + std::to_string(primary_port);
  return options;
}()) {
  auto port = server_.bind();
  REQUIRE(port.ok());
  port_ = *port;
  thread_ = std::thread([this] { server_.listen(); });
  REQUIRE(eventually([this] { return server_.is_running(); }));
}

RunningStandby::~RunningStandby() {
  server_.stop();
  thread_.join();
}

httplib::Client RunningStandby::client() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(3, 0);
  client.set_read_timeout(3, 0);
  return client;
}

SseReader::SseReader(int port, const std::string& path, httplib::Headers headers) {
  thread_ = std::thread([this, port, path, headers] {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(5, 0);
    client.Get(path.c_str(), headers, [this](const char* data, std::size_t size) {
      std::lock_guard lock(mutex_);
      text_.append(data, size);
      return !stop_;
    });
    ended_ = true;
  });
}

SseReader::~SseReader() {
  stop_ = true;
  thread_.join();
}

bool SseReader::wait_for(const std::string& needle, std::chrono::milliseconds timeout) const {
  return eventually([&] { return text().find(needle) != std::string::npos; }, timeout);
}

bool SseReader::wait_ended(std::chrono::milliseconds timeout) const {
  return eventually([&] { return ended_.load(); }, timeout);
}

std::string SseReader::text() const {
  std::lock_guard lock(mutex_);
  return text_;
}

CallbackReceiver::CallbackReceiver() {
  server_.Post("/callback", [this](const httplib::Request& req, httplib::Response&) {
    std::lock_guard lock(mutex_);
    bodies_.push_back(req.body);
  });
  port_ = server_.bind_to_any_port("127.0.0.1");
  REQUIRE(port_ > 0);
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  REQUIRE(eventually([this] { return server_.is_running(); }));
}

CallbackReceiver::~CallbackReceiver() {
  server_.stop();
  thread_.join();
}

std::string CallbackReceiver::url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/callback"; }

std::vector<std::string> CallbackReceiver::bodies() const {
  std::lock_guard lock(mutex_);
  return bodies_;
}

bool CallbackReceiver::wait_for(const std::string& needle) const {
  return eventually([&] {
    for (const auto& body : bodies()) {
      if (body.find(needle) != std::string::npos) return true;
    }
    return false;
  });
}

rapidjson::Document get_json(httplib::Client& client, const std::string& path) {
  auto res = client.Get(path.c_str());
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 200, res->body);
  return parse(res->body);
}

std::vector<std::string> task_ids(httplib::Client& client, const std::string& app_id) {
  return ids(at(get_json(client, "/v2/apps" + app_id + "/tasks"), "tasks"));
}

const rapidjson::Value& at(const rapidjson::Value& object, const char* key) {
  REQUIRE(object.IsObject());
  auto it = object.FindMember(key);
  REQUIRE_MESSAGE(it != object.MemberEnd(), key);
  return it->value;
}

std::vector<std::string> ids(const rapidjson::Value& list) {
  REQUIRE(list.IsArray());
  std::vector<std::string> out;
  for (const auto& element : list.GetArray()) out.push_back(str(element, "id"));
  return out;
}

std::string str(const rapidjson::Value& object, const char* key) {
  const auto& value = at(object, key);
  REQUIRE(value.IsString());
  return value.GetString();
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t found = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++found;
  return found;
}

}  // namespace skylr::sim::testing
