// The hostile tests' fixtures over cpp-httplib, POSIX sockets and mount(2).
#include "hostile_support.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <grp.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace skylr::hostile {
namespace {

constexpr std::chrono::seconds kSilenceCap{15};  // a silent answer ends then at the latest

std::string task_json(int index, int port) {
  return fmt::format(R"({{"id":"web.{0}","appId":"/web","host":"127.0.0.1","ports":[{1}],)"
                     R"("state":"TASK_RUNNING","startedAt":"2024-01-01T00:00:00.000Z"}})",
                     index, port);
}

// About 10 MB of valid apps JSON: thousands of untracked apps, then /web.
std::string huge_apps_json(const std::string& good) {
  std::string out = R"({"apps":[)";
  const std::string labels = std::string(R"("labels":{"note":")") + std::string(700, 'x') + "\"}";
  for (int i = 0; i < 12000; ++i) {
    out += fmt::format(R"({{"id":"/bulk/app-{0}","instances":1,{1},"tasks":[{2}]}},)", i, labels,
                       task_json(i, 31000 + i % 1000));
  }
  out += good.substr(good.find('[') + 1);  // /web and the closing brackets
  return out;
}

// Sleeps in small steps for `pause` or until `closing`; false when closing.
bool pause_unless_closing(const std::atomic<bool>& closing, std::chrono::milliseconds pause) {
  auto until = std::chrono::steady_clock::now() + pause;
  while (!closing && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(20ms);
  return !closing;
}

// Sleeps until `closing` or the cap.
void stay_silent(const std::atomic<bool>& closing) { pause_unless_closing(closing, kSilenceCap); }

// A content provider that sends `body` one byte every 0.5 s, for kSilenceCap at most.
auto trickle(std::string body, const std::atomic<bool>& closing) {
  auto until = std::chrono::steady_clock::now() + kSilenceCap;
  return [body = std::move(body), &closing, until](std::size_t offset, httplib::DataSink& sink) {
    if (offset == body.size()) {
      sink.done();
      return true;
    }
    return pause_unless_closing(closing, 500ms) && std::chrono::steady_clock::now() < until &&
           sink.write(body.data() + offset, 1);
  };
}

}  // namespace

FakeMarathon::FakeMarathon() {
  server_ =
      std::make_unique<testing::TestServer>([this](httplib::Server& server) { install(server); });
}

FakeMarathon::~FakeMarathon() {
  closing_ = true;
  server_.reset();
}

void FakeMarathon::set_tasks(const std::vector<int>& ports) {
  std::lock_guard lock(mutex_);
  task_ports_ = ports;
}

int FakeMarathon::port() const { return server_->port(); }
std::string FakeMarathon::origin() const { return server_->origin(); }

std::string FakeMarathon::app_json() const {
  std::lock_guard lock(mutex_);
  std::string tasks;
  for (std::size_t i = 0; i < task_ports_.size(); ++i) {
    if (i > 0) tasks += ',';
    tasks += task_json(static_cast<int>(i), task_ports_[i]);
  }
  return fmt::format(R"({{"id":"/web","instances":{},"portDefinitions":[{{"port":10000}}],"tasks":[{}]}})",
                     task_ports_.size(), tasks);
}

std::string FakeMarathon::apps_json() const { return fmt::format(R"({{"apps":[{}]}})", app_json()); }

void FakeMarathon::install(httplib::Server& server) {
  server.Get("/v2/apps", [this](const httplib::Request& request, httplib::Response& response) {
    ++apps_requests_;
    answer_apps(request, response, apps_answer_.load(), apps_json());
  });
  server.Get("/v2/apps/web", [this](const httplib::Request& request, httplib::Response& response) {
    ++app_requests_;
    AppsAnswer answer = apps_answer_.load();  // a huge answer is a long list: one app is answered as it is
    answer_apps(request, response, answer == AppsAnswer::kHuge ? AppsAnswer::kGood : answer,
                fmt::format(R"({{"app":{}}})", app_json()));
  });
  server.Get("/v2/events", [this](const httplib::Request&, httplib::Response& response) {
    answer_events(response);
  });
  auto count_write = [this](const httplib::Request&, httplib::Response& response) {
    ++writes_;
    response.set_content(R"({"deploymentId":"d-1","version":"v"})", "application/json");
  };
  server.Post("/v2/eventSubscriptions", [this](const httplib::Request&, httplib::Response&) {
    ++subscriptions_;
    stay_silent(closing_);
  });
  server.Put("/v2/apps/.*", count_write);
  server.Patch("/v2/apps/.*", count_write);
  server.Post("/v2/apps.*", count_write);
  server.Delete("/v2/apps/.*", count_write);
}

void FakeMarathon::answer_apps(const httplib::Request& request, httplib::Response& response, AppsAnswer answer,
                               const std::string& good) {
  switch (answer) {
    case AppsAnswer::kGood:
      return response.set_content(good, "application/json");
    case AppsAnswer::kGarbage:
      return response.set_content("\x89PNG\r\n\x1a\n\xff\xfe not json", "application/json");
    case AppsAnswer::kTruncated:
      return response.set_content(good.substr(0, good.size() / 2), "application/json");
    case AppsAnswer::kWrongShape:
      return response.set_content(R"({"apps":{"id":"/web"}})", "application/json");
    case AppsAnswer::kError500:
      response.status = 500;
      return response.set_content("<html><body>Internal Server Error</body></html>", "text/html");
    case AppsAnswer::kRedirectLoop:
      response.status = 302;
      return response.set_header("Location", request.target);
    case AppsAnswer::kHuge:
      return response.set_content(huge_apps_json(good), "application/json");
    case AppsAnswer::kEndless:
      return response.set_chunked_content_provider(
          "application/json", [this](std::size_t offset, httplib::DataSink& sink) {
            std::string chunk = offset == 0 ? R"({"apps":[)" : std::string(64 << 10, ' ');
            return !closing_ && sink.write(chunk.data(), chunk.size());
          });
    case AppsAnswer::kSilent:
      stay_silent(closing_);
      return;
    case AppsAnswer::kTrickle:
      return response.set_chunked_content_provider("application/json", trickle(good, closing_));
  }
}

void FakeMarathon::answer_events(httplib::Response& response) {
  ++event_streams_;
  switch (events_answer_.load()) {
    case EventsAnswer::kNotFound:
      response.status = 404;
      return response.set_content(R"({"message":"no events here"})", "application/json");
    case EventsAnswer::kSilent:
      return response.set_chunked_content_provider("text/event-stream",
                                                   [this](std::size_t, httplib::DataSink&) {
                                                     stay_silent(closing_);
                                                     return false;
                                                   });
    case EventsAnswer::kEndlessLine:
      return response.set_chunked_content_provider(
          "text/event-stream", [this](std::size_t, httplib::DataSink& sink) {
            static const std::string kLine(64 << 10, 'a');
            return !closing_ && sink.write(kLine.data(), kLine.size());
          });
  }
}

namespace {

std::string skylrd_config(const FakeMarathon& marathon, const SkylrdSetup& setup,
                          const std::string& config_dir, const testing::TempDir& dir,
                          int service_port) {
  std::string users =
      setup.users_file ? fmt::format(R"("users_config_destination": "{}/users.cfg",)", config_dir)
                       : "";
  std::string auth = setup.users_file ? R"(, "authConf": "site_users")" : "";
  std::string events =
      setup.follow_events
          ? R"("sse": true, "subscribe": true, "callback_url": "http://127.0.0.1:1/marathon")"
          : R"("sse": false)";
  std::string tokens =
      setup.token.empty()
          ? ""
          : fmt::format(R"(, "job_updates": {{"tokens": [{{"name": "ops", "token": "{}"}}]}})",
                        setup.token);
  return fmt::format(R"({{
  "marathon_hosts": ["127.0.0.1:{port}"],
  "services": {{"web": {{"port": {service_port}{auth}}}}},
  "config_destination": "{config_dir}/haproxy.cfg", {users}
  "pid_file": "{pid_file}",
  "haproxy": {{"binary": "{binary}", "bind_address": "127.0.0.1"}},
  "reload": {{"mode": "managed", "min_interval_ms": 0, "admin_socket": "{admin}", "master_socket": "{master}"}},
  "marathon_timeouts": {{"first_byte_ms": 3000, "total_ms": 8000}},
  "events": {{{events}}}{tokens}
}})",
                     fmt::arg("port", marathon.port()), fmt::arg("service_port", service_port),
                     fmt::arg("auth", auth), fmt::arg("config_dir", config_dir),
                     fmt::arg("users", users), fmt::arg("pid_file", dir.path("haproxy.pid")),
                     fmt::arg("binary", setup.haproxy_binary),
                     fmt::arg("admin", dir.path("admin.sock")),
                     fmt::arg("master", dir.path("master.sock")), fmt::arg("events", events),
                     fmt::arg("tokens", tokens));
}

// A port below 1024 that was free on 127.0.0.1 a moment ago; REQUIREs one.
int free_low_port() {
  for (int port = 700; port < 1024; ++port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool free = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    if (free) return port;
  }
  FAIL("no free port below 1024");
  return 0;
}

// Hands `paths` to nobody:nogroup.
void give_to_nobody(const std::vector<std::string>& paths) {
  const passwd* user = ::getpwnam("nobody");
  const group* group = ::getgrnam("nogroup");
  REQUIRE((user != nullptr && group != nullptr));
  for (const std::string& path : paths) {
    REQUIRE(::chown(path.c_str(), user->pw_uid, group->gr_gid) == 0);
  }
}

// skylrd's command line; when unprivileged, behind setpriv as nobody with no capability but
// CAP_NET_BIND_SERVICE (ambient, so that the HAProxy it starts has it too).
std::vector<std::string> skylrd_argv(const std::string& config, bool unprivileged) {
  std::vector<std::string> argv;
  if (unprivileged) {
    argv = {"setpriv",
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            "--inh-caps=-all,+net_bind_service",
            "--ambient-caps=-all,+net_bind_service",
            "--bounding-set=-all,+net_bind_service"};
  }
  for (const std::string& arg : {std::string(SKYLRD_BINARY), std::string("--config"), config,
                                 std::string("--listen"), std::string("127.0.0.1:0")}) {
    argv.push_back(arg);
  }
  return argv;
}

}  // namespace

Skylrd::Skylrd(const FakeMarathon& marathon, const SkylrdSetup& setup)
    : pid_file_(dir_.path("haproxy.pid")),
      service_port_(setup.unprivileged ? free_low_port() : testing::free_port()) {
  std::string config_dir = setup.config_dir.empty() ? dir_.path("conf") : setup.config_dir;
  if (setup.config_dir.empty()) std::filesystem::create_directory(config_dir);
  if (setup.unprivileged) give_to_nobody({dir_.path("."), config_dir});
  destination_ = config_dir + "/haproxy.cfg";
  if (setup.users_file) {
    std::ofstream(config_dir + "/users.cfg")
        << "userlist site_users\n    user admin insecure-password secret\n";
  }
  std::ofstream(dir_.path("skylr.json"))
      << skylrd_config(marathon, setup, config_dir, dir_, service_port_);
  guard_.add_pid_file(pid_file_);
  process_ = std::make_unique<testing::ChildProcess>(
      skylrd_argv(dir_.path("skylr.json"), setup.unprivileged), dir_.path("skylrd.out"),
      dir_.path("skylrd.log"));
  std::string line = process_->first_line(10s);
  std::size_t colon = line.rfind(':');
  REQUIRE_MESSAGE((line.starts_with("skylrd listening on") && colon != std::string::npos), line,
                  log());
  port_ = std::stoi(line.substr(colon + 1));
}

Skylrd::~Skylrd() { process_->stop(SIGTERM, 5s); }

testing::HttpReply Skylrd::health() const {
  return testing::http_request_from("127.0.0.1", port_, "GET", "/health");
}

void Skylrd::trigger_sync() const {
  testing::HttpReply reply = testing::http_request_from(
      "127.0.0.1", port_, "POST", "/marathon",
      R"({"eventType":"status_update_event","appId":"/web","taskId":"web.0","taskStatus":"TASK_RUNNING"})");
  REQUIRE_MESSAGE(reply.status == 200, reply.status, " ", reply.error, reply.body);
}

void Skylrd::change_option() const {
  std::string path = dir_.path("skylr.json");
  std::stringstream read;
  read << std::ifstream(path).rdbuf();
  std::string config = read.str();
  const std::string bind = R"("bind_address": "127.0.0.1")";
  std::size_t at = config.find(bind);
  REQUIRE(at != std::string::npos);
  config.insert(at + bind.size(), R"(, "timeout_client_ms": 31000)");
  std::ofstream(path) << config;
  REQUIRE(::kill(process_->pid(), SIGHUP) == 0);
}

bool Skylrd::await_health(int status, const std::string& text,
                          std::chrono::milliseconds timeout) const {
  testing::HttpReply last;
  bool seen = testing::wait_until(
      [&] {
        trigger_sync();
        std::this_thread::sleep_for(100ms);
        last = health();
        return last.status == status && last.body.find(text) != std::string::npos;
      },
      timeout);
  if (!seen)
    MESSAGE("GET /health answered ", last.status, " ", last.error, last.body, "\nskylrd's log:\n",
            log());
  return seen;
}

std::string Skylrd::live_config() const {
  std::ifstream in(destination_);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::unique_ptr<testing::TestServer> backend() { return testing::named_backend("backend"); }

RawClient::RawClient(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd_ >= 0);
  sockaddr_in remote{};
  remote.sin_family = AF_INET;
  remote.sin_port = htons(static_cast<std::uint16_t>(port));
  remote.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE_MESSAGE(::connect(fd_, reinterpret_cast<sockaddr*>(&remote), sizeof remote) == 0,
                  std::strerror(errno));
}

RawClient::~RawClient() { ::close(fd_); }

bool RawClient::send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

std::pair<std::string, bool> RawClient::read_until_close(std::chrono::milliseconds timeout) {
  std::string received;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd wanted{fd_, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&wanted, 1, static_cast<int>(left.count())) <= 0)
      return {received, false};
    char buffer[4096];
    ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
    if (got <= 0) return {received, true};
    received.append(buffer, static_cast<std::size_t>(got));
  }
}

testing::HttpReply raw_request(int port, const std::string& bytes) {
  RawClient client(port);
  testing::HttpReply reply;
  if (!client.send(bytes)) reply.error = "the server closed before the request was sent";
  auto [response, closed] = client.read_until_close(10s);
  std::size_t header_end = response.find("\r\n\r\n");
  if (!response.starts_with("HTTP/1.") || header_end == std::string::npos) {
    reply.error +=
        fmt::format("no HTTP answer{}: {:?}", closed ? "" : " within 10 s", response.substr(0, 80));
    return reply;
  }
  reply.status = std::stoi(response.substr(9, 3));
  reply.body = response.substr(header_end + 4);
  return reply;
}

long rss_kib(pid_t pid) {
  std::ifstream status(fmt::format("/proc/{}/status", pid));
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  }
  return -1;
}

void check_memory_growth(const std::string& what, long before_kib, long after_kib, long limit_kib) {
  MESSAGE(what, ": VmRSS ", before_kib, " KiB before, ", after_kib, " KiB after");
#if defined(__SANITIZE_ADDRESS__)
  MESSAGE("not checked under AddressSanitizer (its quarantine holds freed memory)");
  (void)limit_kib;
#else
  CHECK(after_kib - before_kib < limit_kib);
#endif
}

namespace {
bool private_mounts = false;
}  // namespace

bool has_private_mounts() { return private_mounts; }
void set_private_mounts(bool on) { private_mounts = on; }

SmallFileSystem::SmallFileSystem(std::string dir, int kib) : dir_(std::move(dir)) {
  std::string options = fmt::format("size={}k,mode=0755", kib);
  REQUIRE_MESSAGE(::mount("tmpfs", dir_.c_str(), "tmpfs", 0, options.c_str()) == 0,
                  std::strerror(errno));
}

SmallFileSystem::~SmallFileSystem() { ::umount2(dir_.c_str(), MNT_DETACH); }

void SmallFileSystem::set_read_only(bool read_only) {
  unsigned long flags = MS_REMOUNT | MS_BIND | (read_only ? MS_RDONLY : 0);
  REQUIRE_MESSAGE(::mount(nullptr, dir_.c_str(), nullptr, flags, nullptr) == 0,
                  std::strerror(errno));
}

void SmallFileSystem::fill() {
  int fd = ::open((dir_ + "/filler").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  REQUIRE(fd >= 0);
  const std::string block(4096, 'f');
  while (::write(fd, block.data(), block.size()) > 0) {
  }
  int error = errno;
  ::close(fd);
  REQUIRE_MESSAGE(error == ENOSPC, std::strerror(error));
}

void SmallFileSystem::unfill() { REQUIRE(::unlink((dir_ + "/filler").c_str()) == 0); }

}  // namespace skylr::hostile
