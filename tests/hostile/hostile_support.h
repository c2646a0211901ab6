// What the hostile tests share: a Marathon that misbehaves on demand (in this process), a
// real skylrd process following it with a real managed HAProxy, raw sockets for clients
// that break the rules, a small tmpfs that can be made full or read-only, and the memory
// of a process. The tests run in a private mount namespace (test_main.cpp), so every
// mount vanishes with the test process. Thread-compatible unless noted.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "integration_support.h"

namespace skylr::hostile {

using namespace std::chrono_literals;

// How the fake Marathon answers GET /v2/apps and GET /v2/apps/web (the list, or /web alone).
enum class AppsAnswer {
  kGood,          // the apps set with set_tasks()
  kGarbage,       // 200 with bytes that are not JSON
  kTruncated,     // 200 with the good answer cut in half
  kWrongShape,    // 200 with JSON that is no app list
  kError500,      // 500 with an HTML page
  kRedirectLoop,  // 302 to itself, for ever
  kHuge,          // 200 with a valid list of about 10 MB
  kEndless,       // 200 with a chunked body that never ends
  kSilent,        // accepts, then sends nothing until the test ends
  kTrickle,       // 200 with the good answer, one byte every 0.5 s (15 s at most)
};

// How the fake Marathon answers GET /v2/events.
enum class EventsAnswer {
  kNotFound,     // 404
  kSilent,       // 200 text/event-stream, then nothing
  kEndlessLine,  // 200 text/event-stream, then one line that never ends
};

// Marathon on 127.0.0.1 with one app, /web. Answers can be switched at any time;
// thread-safe. Counts what it was asked. POST /v2/eventSubscriptions is never answered.
class FakeMarathon {
 public:
  FakeMarathon();
  ~FakeMarathon();

  // /web's running tasks are `ports.size()` tasks "web.<i>" on 127.0.0.1:<port>.
  void set_tasks(const std::vector<int>& ports);
  void set_apps_answer(AppsAnswer answer) { apps_answer_ = answer; }
  void set_events_answer(EventsAnswer answer) { events_answer_ = answer; }

  int port() const;
  std::string origin() const;
  int event_streams() const { return event_streams_; }
  int apps_requests() const { return apps_requests_; }  // GET /v2/apps
  int app_requests() const { return app_requests_; }    // GET /v2/apps/web
  int subscriptions() const { return subscriptions_; }  // POST /v2/eventSubscriptions
  int writes() const { return writes_; }  // PUT/PATCH/POST/DELETE under /v2/apps

  // The good GET /v2/apps answer for the tasks set.
  std::string apps_json() const;

  // The app /web with the tasks set, as an apps answer lists it.
  std::string app_json() const;

 private:
  void install(httplib::Server& server);
  // Answers an apps request as `answer` says, `good` being the true answer.
  void answer_apps(const httplib::Request& request, httplib::Response& response, AppsAnswer answer,
                   const std::string& good);
  void answer_events(httplib::Response& response);

  std::atomic<bool> closing_{false};  // set first on destruction: streaming handlers end
  std::atomic<AppsAnswer> apps_answer_{AppsAnswer::kGood};
  std::atomic<EventsAnswer> events_answer_{EventsAnswer::kNotFound};
  std::atomic<int> event_streams_{0};
  std::atomic<int> apps_requests_{0};
  std::atomic<int> app_requests_{0};
  std::atomic<int> subscriptions_{0};
  std::atomic<int> writes_{0};
  mutable std::mutex mutex_;
  std::vector<int> task_ports_;
  std::unique_ptr<testing::TestServer> server_;
};

// What a test's skylrd runs with.
struct SkylrdSetup {
  std::string config_dir{};  // holds haproxy.cfg (empty: the test directory)
  std::string haproxy_binary = SKYLR_HAPROXY;
  bool users_file = false;    // web requires userlist site_users from <config_dir>/users.cfg
  std::string token{};        // a job-updates bearer token (empty: none)
  bool unprivileged = false;  // as nobody with only CAP_NET_BIND_SERVICE; web on a port < 1024
  bool follow_events = false;  // events.sse on, and events.subscribe to a callback URL
};

// skylrd following `marathon`, listening on 127.0.0.1:0, managing a real HAProxy whose
// frontend for /web is service_port(). Killed (with its HAProxy) on destruction.
class Skylrd {
 public:
  Skylrd(const FakeMarathon& marathon, const SkylrdSetup& setup = {});
  ~Skylrd();

  int port() const { return port_; }
  pid_t pid() const { return process_->pid(); }
  int service_port() const { return service_port_; }
  const std::string& destination() const { return destination_; }
  const std::string& pid_file() const { return pid_file_; }

  // GET /health: the status (0 when no answer) and the body.
  testing::HttpReply health() const;

  // Asks for a sync now: POSTs a status_update_event of /web from 127.0.0.1 (a Marathon
  // host); REQUIREs 200.
  void trigger_sync() const;

  // Triggers syncs until GET /health answers `status` with a body containing `text`;
  // false (with a message) when that did not happen within `timeout`.
  bool await_health(int status, const std::string& text, std::chrono::milliseconds timeout) const;

  // Sets haproxy.timeout_client_ms to 31000 in skylrd's config and sends SIGHUP: a change
  // that only a checked reload can apply.
  void change_option() const;

  // The live HAProxy config file ("" when there is none).
  std::string live_config() const;

  // Everything skylrd logged so far.
  std::string log() const { return process_->error_output(); }

  // Sends SIGTERM: skylrd's exit code, or -1 when it did not exit within `timeout`.
  int stop(std::chrono::milliseconds timeout) { return process_->stop(SIGTERM, timeout); }

 private:
  testing::TempDir dir_;
  testing::HaproxyGuard guard_;
  std::string destination_;
  std::string pid_file_;
  int service_port_ = 0;
  int port_ = 0;
  std::unique_ptr<testing::ChildProcess> process_;
};

// A backend answering GET / with "backend"; REQUIREs it serves.
std::unique_ptr<testing::TestServer> backend();

// A TCP connection to 127.0.0.1:`port`; REQUIREs it. Closed on destruction.
class RawClient {
 public:
  explicit RawClient(int port);
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  // Sends `bytes`; false when the peer closed or reset the connection.
  bool send(std::string_view bytes);

  // Reads until the peer closes or `timeout` passes: what came, and whether it closed.
  std::pair<std::string, bool> read_until_close(std::chrono::milliseconds timeout);

 private:
  int fd_ = -1;
};

// Sends one raw request to 127.0.0.1:`port` and reads the answer until the server closes
// (10 s at most: skylrd may wait out its 5 s read timeout first): the status (0 when none) and the
// body.
testing::HttpReply raw_request(int port, const std::string& bytes);

// VmRSS of `pid` in KiB, from /proc.
long rss_kib(pid_t pid);

// Reports `what` grew from `before_kib` to `after_kib` and checks it grew by less than
// `limit_kib`, except under AddressSanitizer, whose quarantine keeps freed memory resident.
void check_memory_growth(const std::string& what, long before_kib, long after_kib, long limit_kib);

// True when this process could make its mounts private (test_main.cpp does it at start);
// the tests that mount file systems need it.
bool has_private_mounts();
void set_private_mounts(bool on);

// A tmpfs of `kib` KiB mounted on `dir` (an existing directory) in this process's private
// mount namespace; unmounted on destruction.
class SmallFileSystem {
 public:
  SmallFileSystem(std::string dir, int kib);
  ~SmallFileSystem();
  SmallFileSystem(const SmallFileSystem&) = delete;
  SmallFileSystem& operator=(const SmallFileSystem&) = delete;

  // Remounts read-only or read-write; REQUIREs success.
  void set_read_only(bool read_only);

  // Fills the file system up with a filler file, or removes it.
  void fill();
  void unfill();

 private:
  std::string dir_;
};

}  // namespace skylr::hostile
