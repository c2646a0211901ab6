// Test support for marathon-sim: a simulator (and a standby of it) served in-process on
// 127.0.0.1:0, a reader of its event stream, a receiver for its HTTP callbacks, and small
// JSON helpers. Every server started here is stopped and joined by its destructor; every
// wait is bounded.
#pragma once

#include <httplib.h>
#include <rapidjson/document.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sim_options.h"
#include "sim_server.h"
#include "standby_server.h"

namespace skylr::sim::testing {

using namespace std::chrono_literals;

// Options for tests: port 0, `stage_ms` of staging, 100 ms heartbeats.
SimOptions test_options(int stage_ms = 50);

// The text of tests/data/sim/<name>.
std::string read_data(const std::string& name);

// `text` parsed; fails the test when it is not JSON.
rapidjson::Document parse(const std::string& text);

// True once `condition` holds, checking every 5 ms for at most `timeout`.
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = 3000ms);

// A SimServer listening on 127.0.0.1:<free port> from a thread.
class RunningSim {
 public:
  // Starts a simulator with `options` (port forced to 0) and the apps of `apps_json`.
  explicit RunningSim(SimOptions options = test_options(), const std::string& apps_json = "");
  ~RunningSim();

  // A client of the simulator with 3 s timeouts.
  httplib::Client client() const;

  int port() const { return port_; }

 private:
  SimServer server_;
  int port_ = 0;
  std::thread thread_;
};

// A StandbyServer of the simulator on 127.0.0.1:`primary_port`, listening on
// 127.0.0.1:<free port> from a thread.
class RunningStandby {
 public:
  explicit RunningStandby(int primary_port);
  ~RunningStandby();

  // A client of the standby with 3 s timeouts.
  httplib::Client client() const;

  int port() const { return port_; }

 private:
  StandbyServer server_;
  int port_ = 0;
  std::thread thread_;
};

// Reads GET <path> of a simulator as a stream on a thread, collecting its text.
class SseReader {
 public:
  SseReader(int port, const std::string& path, httplib::Headers headers = {{"Accept", "text/event-stream"}});
  ~SseReader();

  // True once the collected text contains `needle` (waits up to `timeout`).
  bool wait_for(const std::string& needle, std::chrono::milliseconds timeout = 3000ms) const;

  // True once the server ended the response (waits up to `timeout`).
  bool wait_ended(std::chrono::milliseconds timeout = 3000ms) const;

  // Everything received so far.
  std::string text() const;

 private:
  mutable std::mutex mutex_;
  std::string text_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> ended_{false};
  std::thread thread_;
};

// An HTTP server on 127.0.0.1:<free port> recording the bodies POSTed to /callback.
class CallbackReceiver {
 public:
  CallbackReceiver();
  ~CallbackReceiver();

  // "http://127.0.0.1:<port>/callback".
  std::string url() const;

  // The bodies received so far.
  std::vector<std::string> bodies() const;

  // True once some body contains `needle` (waits up to 3 s).
  bool wait_for(const std::string& needle) const;

 private:
  httplib::Server server_;
  int port_ = 0;
  mutable std::mutex mutex_;
  std::vector<std::string> bodies_;
  std::thread thread_;
};

// The JSON answer of GET <path>; fails the test unless it is a 200.
rapidjson::Document get_json(httplib::Client& client, const std::string& path);

// The ids of the tasks of app `app_id` ("/web"), in launch order.
std::vector<std::string> task_ids(httplib::Client& client, const std::string& app_id);

// The member `key` of `object` (fails the test when absent).
const rapidjson::Value& at(const rapidjson::Value& object, const char* key);

// The "id" of every element of the array `list`.
std::vector<std::string> ids(const rapidjson::Value& list);

// The JSON string member `key` of `object` (fails the test when absent or not a string).
std::string str(const rapidjson::Value& object, const char* key);

// How many times `needle` occurs in `text`.
std::size_t count(const std::string& text, const std::string& needle);

}  // namespace skylr::sim::testing
