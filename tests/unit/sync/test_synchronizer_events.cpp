// Events dropped, duplicated and reordered on their way to the Synchronizer: a targeted
// sync reads the current state of the apps it is given, whatever the events said, and the
// next full read puts right whatever lost events left stale.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <deque>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "fake_clock.h"
#include "fake_file_system.h"
#include "fake_haproxy_control.h"
#include "fake_haproxy_runtime.h"
#include "fake_http_client.h"
#include "fake_process_runner.h"
#include "haproxy/servers_state.h"
#include "sync/synchronizer.h"

namespace skylr::sync {
namespace {

constexpr const char* kDestination = "/etc/h/haproxy.cfg";
constexpr const char* kOrigin = "http://m1:8080";
constexpr int kApps = 6;

std::string app_id(int app) { return fmt::format("/app{}", app); }

// Services svc0..svc5 following /app0../app5.
Config cluster_config() {
  Config config;
  for (int app = 0; app < kApps; ++app) {
    ServiceConfig service;
    service.name = fmt::format("svc{}", app);
    service.app_id = app_id(app);
    service.port = 4000 + app;
    config.services[service.name] = service;
  }
  config.marathon_hosts = {MarathonEndpoint{"http", "m1", 8080, ""}};
  config.config_destination = kDestination;
  config.haproxy.drain_seconds = 0;
  return config;
}

// What Marathon runs: per app (absent: deleted) its task numbers; task n of app a runs at
// 10.0.a.(n % 250 + 1):(31000 + n).
class Truth {
 public:
  explicit Truth(unsigned seed) : random_(seed) {
    for (int app = 0; app < kApps; ++app) tasks_[app] = {next(), next()};
  }

  // Changes one app at random (a task starts, stops or moves; the app goes or comes back);
  // returns its id, what the event would name.
  std::string change() {
    int app = pick(kApps);
    auto found = tasks_.find(app);
    if (found == tasks_.end()) {
      tasks_[app] = {next()};
    } else if (int what = pick(10); what == 0) {
      tasks_.erase(found);
    } else if (what < 4 || found->second.empty()) {
      found->second.push_back(next());
    } else if (what < 7) {
      found->second.erase(found->second.begin() + pick(static_cast<int>(found->second.size())));
    } else {
      found->second[static_cast<std::size_t>(pick(static_cast<int>(found->second.size())))] = next();
    }
    return app_id(app);
  }

  // Scripts `http` to answer the full list and each app as Marathon now would.
  void publish(testing::FakeHttpClient& http) const {
    std::vector<std::string> apps;
    for (int app = 0; app < kApps; ++app) {
      std::string target = fmt::format("/v2/apps/app{}?embed=app.tasks", app);
      auto found = tasks_.find(app);
      if (found == tasks_.end()) {
        http.answer(kOrigin, 404, fmt::format(R"({{"message":"App '{}' does not exist"}})", app_id(app)), {}, target);
        continue;
      }
      apps.push_back(app_json(app, found->second));
      http.answer(kOrigin, 200, fmt::format(R"({{"app":{}}})", apps.back()), {}, target);
    }
    http.answer(kOrigin, 200, fmt::format(R"({{"apps":[{}]}})", fmt::join(apps, ",")), {}, "/v2/apps?embed=apps.tasks");
  }

  // "address:port" of every running task of `apps` (every app when empty).
  std::set<std::string> servers(const std::set<std::string>& apps = {}) const {
    std::set<std::string> out;
    for (const auto& [app, tasks] : tasks_) {
      if (!apps.empty() && apps.count(app_id(app)) == 0) continue;
      for (int n : tasks) out.insert(address(app, n));
    }
    return out;
  }

  int pick(int below) { return std::uniform_int_distribution<int>(0, below - 1)(random_); }

 private:
  static std::string address(int app, int n) { return fmt::format("10.0.{}.{}:{}", app, n % 250 + 1, 31000 + n); }

  static std::string app_json(int app, const std::vector<int>& tasks) {
    std::vector<std::string> list;
    for (int n : tasks) {
      list.push_back(fmt::format(R"({{"id":"app{0}.{1}","host":"10.0.{0}.{2}","ports":[{3}],"state":"TASK_RUNNING"}})",
                                 app, n, n % 250 + 1, 31000 + n));
    }
    return fmt::format(R"({{"id":"{}","tasks":[{}]}})", app_id(app), fmt::join(list, ","));
  }

  int next() { return ++last_task_; }

  std::mt19937 random_;
  std::map<int, std::vector<int>> tasks_;
  int last_task_ = 0;
};

struct Cluster {
  Config config = cluster_config();
  testing::FakeHttpClient http;
  testing::FakeFileSystem fs;
  testing::FakeProcessRunner runner;
  testing::FakeHaproxyControl haproxy;
  testing::FakeClock clock;
  testing::FakeHaproxyRuntime runtime;
  MarathonClient marathon{config.marathon_hosts, std::nullopt, http};
  apply::ConfigApplier applier{apply::apply_settings(config), fs, runner, haproxy, clock};
  haproxy::RuntimeUpdater updater{runtime, [](const std::string&) { return std::nullopt; }};
  Synchronizer synchronizer{marathon, applier, updater, clock};
  int reloads_seen = 0;

  SyncReport after(SyncReport report) {
    REQUIRE_FALSE(report.fetch_error.has_value());
    REQUIRE(report.apply.status != ApplyStatus::kFailed);
    if (haproxy.reload_calls != reloads_seen) runtime.load(*fs.get(kDestination));
    reloads_seen = haproxy.reload_calls;
    return report;
  }

  // "address:port" of every server HAProxy routes to (ready, in no maintenance or drain).
  std::set<std::string> routed(const std::set<std::string>& services = {}) {
    Result<std::string> answer = runtime.command("", "show servers state");
    REQUIRE(answer.ok());
    Result<std::vector<haproxy::ServerState>> states = haproxy::parse_servers_state(*answer);
    REQUIRE(states.ok());
    std::set<std::string> out;
    for (const haproxy::ServerState& state : *states) {
      if ((state.admin_state & (haproxy::kAdminMaint | haproxy::kAdminDrain)) != 0) continue;
      std::string service = state.backend.substr(0, state.backend.rfind('_'));
      if (!services.empty() && services.count(service) == 0) continue;
      out.insert(fmt::format("{}:{}", state.address, state.port));
    }
    return out;
  }

  // The addresses of the live file's server lines that are neither disabled nor parked,
  // as "address:port".
  std::set<std::string> written() const {
    std::set<std::string> out;
    std::string text = *fs.get(kDestination);
    for (std::size_t at = text.find("    server "); at != std::string::npos; at = text.find("    server ", at + 1)) {
      std::string line = text.substr(at, text.find('\n', at) - at);
      if (line.find(" disabled") != std::string::npos) continue;
      std::size_t start = line.find(' ', std::string("    server ").size()) + 1;
      std::string address = line.substr(start, line.find(' ', start) - start);
      if (address != "0.0.0.0:0") out.insert(address);  // a parked slot
    }
    return out;
  }
};

// The services that follow `apps`.
std::set<std::string> services_of(const std::set<std::string>& apps) {
  std::set<std::string> services;
  for (const std::string& app : apps) services.insert(fmt::format("svc{}", app.substr(4)));
  return services;
}

}  // namespace

TEST_CASE("skylr::sync::Synchronizer: dropped, duplicated and reordered events never outlive the next full read") {
  for (unsigned seed : {7u, 11u, 20261202u}) {
    CAPTURE(seed);
    Cluster c;
    Truth truth(seed);
    truth.publish(c.http);
    c.after(c.synchronizer.sync(c.config));
    REQUIRE(c.routed() == truth.servers());
    std::deque<std::string> in_flight;  // events sent but not yet delivered
    std::size_t dropped = 0;
    std::size_t duplicated = 0;
    std::size_t late = 0;
    for (int step = 1; step <= 400; ++step) {
      CAPTURE(step);
      std::string changed = truth.change();
      truth.publish(c.http);
      int fate = truth.pick(10);
      if (fate < 3) {
        ++dropped;  // lost
      } else {
        in_flight.push_back(changed);
        if (fate == 3) {
          in_flight.push_back(changed);
          ++duplicated;
        }
      }
      if (in_flight.size() > 1 && truth.pick(3) == 0) {  // out of order
        std::swap(in_flight.front(), in_flight.back());
        ++late;
      }
      if (truth.pick(2) == 0 && !in_flight.empty()) {  // a batch of 1-3 events arrives
        std::set<std::string> batch;
        for (int n = 1 + truth.pick(3); n > 0 && !in_flight.empty(); --n) {
          batch.insert(in_flight.front());
          in_flight.pop_front();
        }
        c.after(c.synchronizer.sync_apps(c.config, batch));
        // What a targeted sync read is what Marathon runs now, whatever the events said.
        REQUIRE(c.routed(services_of(batch)) == truth.servers(batch));
      }
      if (step % 40 == 0) {  // the periodic full read
        c.after(c.synchronizer.sync(c.config));
        REQUIRE(c.routed() == truth.servers());
        REQUIRE(c.written() == truth.servers());
      }
    }
    MESSAGE(fmt::format("seed {}: {} events dropped, {} duplicated, {} delivered late", seed, dropped, duplicated,
                        late));
    CHECK(dropped > 50);
    CHECK(duplicated > 10);
    CHECK(late > 20);
  }
}

}  // namespace skylr::sync
