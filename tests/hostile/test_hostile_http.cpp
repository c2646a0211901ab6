// Hostile HTTP clients against a real skylrd: oversized, malformed, mistyped and
// non-UTF-8 bodies, app ids that hide '..' or '/', stalled clients and 2,000 connections
// at once, and other processes that try to listen on its port. Each gets a clear answer or
// is dropped, nothing reaches Marathon, and skylrd keeps serving with bounded memory.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <thread>

#include "hostile_support.h"

namespace skylr::hostile {
namespace {

constexpr const char* kToken = "hostile-test-token-0123456789";

// A raw HTTP/1.1 request with Connection: close and, when given, a body and its length.
std::string request(const std::string& method, const std::string& target,
                    const std::string& body = "", const std::string& headers = "") {
  std::string length =
      body.empty() && method == "GET" ? "" : fmt::format("Content-Length: {}\r\n", body.size());
  return fmt::format("{} {} HTTP/1.1\r\nHost: skylrd\r\nConnection: close\r\n{}{}\r\n{}", method,
                     target, headers, length, body);
}

std::string authorized(const std::string& content_type = "application/json") {
  return fmt::format("Authorization: Bearer {}\r\nContent-Type: {}\r\n", kToken, content_type);
}

// A skylrd with a job-updates token, in sync with a Marathon that has one task.
struct Fixture {
  std::unique_ptr<testing::TestServer> task = backend();
  FakeMarathon marathon;
  std::unique_ptr<Skylrd> skylrd;

  Fixture() {
    marathon.set_tasks({task->port()});
    skylrd = std::make_unique<Skylrd>(marathon, SkylrdSetup{.token = kToken});
    REQUIRE(skylrd->await_health(200, R"("status":"ok")", 15s));
  }
};

// Sends each request and checks the status and a part of the body.
struct Exchange {
  std::string what;
  std::string bytes;
  int status;
  std::string body_part;
};

void check_exchanges(int port, const std::vector<Exchange>& exchanges) {
  for (const Exchange& exchange : exchanges) {
    CAPTURE(exchange.what);
    testing::HttpReply reply = raw_request(port, exchange.bytes);
    CHECK_MESSAGE(reply.status == exchange.status, reply.error, reply.body);
    CHECK_MESSAGE(reply.body.find(exchange.body_part) != std::string::npos, reply.body);
  }
}

// errno of listening on 127.0.0.1:`port` with SO_REUSEPORT and SO_REUSEADDR, as a
// process that wants to share a port would; 0 when it could.
int share_port(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  int yes = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &yes, sizeof yes);
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
               ::listen(fd, 1) == 0;
  int error = bound ? 0 : errno;
  ::close(fd);
  return error;
}

// A second skylrd told to listen on 127.0.0.1:`port`, its Marathon unreachable: its exit
// code (SIGTERM after 3 s if it still runs) and its log.
std::pair<int, std::string> second_skylrd(int port) {
  testing::TempDir dir;
  std::ofstream(dir.path("skylr.json")) << fmt::format(
      R"({{"marathon_hosts": ["127.0.0.1:1"], "services": {{}}, "config_destination": "{}",
          "events": {{"sse": false}}}})",
      dir.path("haproxy.cfg"));
  testing::ChildProcess process({SKYLRD_BINARY, "--config", dir.path("skylr.json"), "--listen",
                                 fmt::format("127.0.0.1:{}", port)},
                                dir.path("skylrd.out"), dir.path("skylrd.log"));
  testing::wait_until([&] { return !process.running(); }, 3s);
  int code = process.stop(SIGTERM, 5s);
  return {code, process.error_output()};
}

}  // namespace

TEST_CASE("hostile HTTP: nobody else can listen on skylrd's port while it does") {
  FakeMarathon marathon;
  Skylrd skylrd(marathon);
  CHECK(share_port(skylrd.port()) == EADDRINUSE);
  auto [code, log] = second_skylrd(skylrd.port());
  CHECK(code == 1);
  CHECK(log.ends_with(fmt::format("Z error cannot listen on 127.0.0.1:{}: Address already in use\n", skylrd.port())));
  CHECK(std::count(log.begin(), log.end(), '\n') == 1);
  CHECK(skylrd.health().status != 0);  // the first one still answers
}

TEST_CASE("hostile HTTP: bodies over the 1 MiB limit get 413, chunked bodies 411") {
  Fixture f;
  std::string big(2u << 20, 'x');
  std::string chunked = "Transfer-Encoding: chunked\r\n";
  std::string chunks;
  for (int i = 0; i < 40; ++i)
    chunks += fmt::format("{:x}\r\n{}\r\n", 64u << 10, std::string(64u << 10, 'y'));
  chunks += "0\r\n\r\n";
  check_exchanges(
      f.skylrd->port(),
      {
          {"a 2 MiB callback", request("POST", "/marathon", big), 413,
           "request body over 1048576 bytes"},
          {"a 2 MiB job update", request("PUT", "/apps/web", big, authorized()), 413,
           "request body over"},
          {"a 2 MiB update batch", request("POST", "/updateApp", big, authorized()), 413,
           "request body over"},
          {"a 10 GB Content-Length, no body (answered after the read timeout)",
           "POST /marathon HTTP/1.1\r\nHost: s\r\nConnection: close\r\nContent-Length: "
           "10000000000\r\n\r\n",
           413, "request body over"},
          {"2.5 MiB in chunks (httplib would read them whole)",
           fmt::format("POST /marathon HTTP/1.1\r\nHost: s\r\n{}\r\n{}", chunked, chunks), 411,
           "chunked bodies are not accepted"},
          {"a chunked job update",
           fmt::format("PUT /apps/web HTTP/1.1\r\nHost: s\r\n{}{}\r\n5\r\n{{\"a\":\r\n0\r\n\r\n",
                       authorized(), chunked),
           411, "chunked bodies are not accepted"},
      });
  CHECK(f.marathon.writes() == 0);
  CHECK(f.skylrd->health().status == 200);
}

TEST_CASE("hostile HTTP: malformed, mistyped and non-UTF-8 bodies get a clear 400") {
  Fixture f;
  const std::string event = R"({"eventType":"status_update_event","appId":"/web"})";
  check_exchanges(
      f.skylrd->port(),
      {
          {"callback: cut JSON", request("POST", "/marathon", "{\"eventType\":"), 400,
           "malformed event: "},
          {"callback: empty body", request("POST", "/marathon", ""), 400, "malformed event: "},
          {"callback: an array", request("POST", "/marathon", "[1,2]"), 400, "malformed event: "},
          {"callback: no eventType", request("POST", "/marathon", R"({"appId":"/web"})"), 400,
           "eventType"},
          {"callback: a form",
           request("POST", "/marathon", "eventType=x",
                   "Content-Type: application/x-www-form-urlencoded\r\n"),
           400, "malformed event: "},
          {"callback: multipart",
           request("POST", "/marathon",
                   "--b\r\nContent-Disposition: form-data; name=\"e\"\r\n\r\n{}\r\n--b--\r\n",
                   "Content-Type: multipart/form-data; boundary=b\r\n"),
           400, "malformed event: "},
          {"callback: NUL and invalid UTF-8",
           request("POST", "/marathon", std::string("{\"a\0\xff\xfe", 6)), 400,
           "malformed event: "},
          {"job update: cut JSON", request("PUT", "/apps/web", "{\"instances\":", authorized()),
           400, "message"},
          {"job update: not an object", request("PUT", "/apps/web", "[3]", authorized()), 400,
           "message"},
          {"job update: invalid UTF-8", request("PUT", "/apps/web", "\xff\xfe\xfd", authorized()),
           400, "message"},
          {"job update: a form",
           request("PUT", "/apps/web", "instances=3",
                   authorized("application/x-www-form-urlencoded")),
           400, "message"},
          {"batch: a value that is no object",
           request("POST", "/updateApp", R"({"/web":"x"})", authorized()), 400, "message"},
          {"a text/plain event is still JSON to skylrd",
           request("POST", "/marathon", event, "Content-Type: text/plain\r\n"), 200, "accepted"},
      });
  CHECK(f.marathon.writes() == 0);
  CHECK(f.skylrd->health().status == 200);
}

TEST_CASE("hostile HTTP: event types never break /metrics or grow it without bound") {
  Fixture f;
  std::vector<std::string> bodies = {R"({"eventType":"x\"} 1\nskylr_forged_total 1\n#"})",
                                     "{\"eventType\":\"\xff\xfe\x80\"}", R"({"eventType":"a\\b"})"};
  for (int i = 0; i < 300; ++i)
    bodies.push_back(fmt::format(R"({{"eventType":"made_up_{}"}})",
                                 std::string(i % 50 + 1, 'x') + std::string(i / 50, 'y')));
  for (const std::string& body : bodies) {
    testing::HttpReply reply = raw_request(f.skylrd->port(), request("POST", "/marathon", body));
    CHECK_MESSAGE(reply.status == 200, body, reply.body);
  }
  testing::HttpReply metrics = raw_request(f.skylrd->port(), request("GET", "/metrics"));
  REQUIRE(metrics.status == 200);
  CHECK(metrics.body.find("\nskylr_forged_total") == std::string::npos);
  CHECK(metrics.body.find('\xff') == std::string::npos);
  CHECK(metrics.body.find(R"(skylr_events_total{source="callback",type="other"} )") !=
        std::string::npos);
  std::size_t counters = 0;
  for (std::size_t at = 0;
       (at = metrics.body.find("\nskylr_events_total{", at + 1)) != std::string::npos;)
    ++counters;
  CHECK(counters <= 129);  // 128 named, then "other"
}

TEST_CASE("hostile HTTP: app ids hiding '..' or '/' are refused before Marathon sees them") {
  Fixture f;
  auto put = [](const std::string& target) {
    return request("PUT", target, R"({"instances":2})", authorized());
  };
  auto batch = [](const std::string& id) {
    return request("POST", "/updateApp", fmt::format(R"({{"{}":{{"instances":2}}}})", id),
                   authorized());
  };
  check_exchanges(
      f.skylrd->port(),
      {
          {"%2F", put("/apps/web%2F..%2Fsecret"), 400, "must not be percent-encoded"},
          {"%2e%2e", put("/apps/%2e%2e/secret"), 400, "must not be percent-encoded"},
          {"lower-case %2f", put("/apps/..%2fsecret"), 400, "must not be percent-encoded"},
          {"/../", put("/apps/web/../secret"), 400, "message"},
          {"leading ..", put("/apps/../web"), 400, "message"},
          {"/./", put("/apps/./web"), 400, "message"},
          {"batch with ..", batch("/web/../secret"), 400, "message"},
          {"batch with a NUL", batch("/web\\u0000"), 400, "message"},
      });
  CHECK(f.marathon.writes() == 0);
  // Every refusal is audited, naming the token, never its secret.
  CHECK(f.skylrd->log().find(R"(audit: job update refused for token "ops")") != std::string::npos);
  CHECK(f.skylrd->log().find(kToken) == std::string::npos);
}

TEST_CASE(
    "hostile HTTP: stalled clients are dropped after the read timeout, others are served "
    "meanwhile") {
  Fixture f;
  int port = f.skylrd->port();
  std::vector<std::unique_ptr<RawClient>> stalled;
  for (const char* start :
       {"", "GET /hea", "GET /health HTTP/1.1\r\nHost: x\r\n",
        "POST /marathon HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"event"}) {
    stalled.push_back(std::make_unique<RawClient>(port));
    REQUIRE(stalled.back()->send(start));
  }
  auto asked = std::chrono::steady_clock::now();
  CHECK(f.skylrd->health().status == 200);
  CHECK(std::chrono::steady_clock::now() - asked < 2s);
  for (auto& client : stalled) {
    auto [received, closed] = client->read_until_close(9s);
    CHECK_MESSAGE(closed, "a stalled connection was still open after 9 s");
  }
  CHECK(std::chrono::steady_clock::now() - asked < 9s);
}

TEST_CASE("hostile HTTP: a client trickling its request holds one worker only, until it is done") {
  Fixture f;
  const std::string whole = request("GET", "/health");
  std::vector<std::unique_ptr<RawClient>> tricklers;
  for (int i = 0; i < 4; ++i) tricklers.push_back(std::make_unique<RawClient>(f.skylrd->port()));
  for (std::size_t at = 0; at < whole.size(); ++at) {  // one byte each every 40 ms (~3 s)
    for (auto& client : tricklers) REQUIRE(client->send(whole.substr(at, 1)));
    if (at % 20 == 0) CHECK(f.skylrd->health().status == 200);  // served meanwhile
    std::this_thread::sleep_for(40ms);
  }
  for (auto& client : tricklers) {
    auto [answer, closed] = client->read_until_close(5s);
    CHECK(answer.starts_with("HTTP/1.1 200 OK"));
    CHECK(closed);
  }
}

TEST_CASE("hostile HTTP: 2,000 connections at once, /health answered, memory bounded") {
  rlimit files{};
  REQUIRE(::getrlimit(RLIMIT_NOFILE, &files) == 0);
  REQUIRE(files.rlim_max >= 4500);
  files.rlim_cur = files.rlim_max;  // before skylrd starts: it inherits the limit
  REQUIRE(::setrlimit(RLIMIT_NOFILE, &files) == 0);
  Fixture f;
  long before = rss_kib(f.skylrd->pid());
  std::vector<std::unique_ptr<RawClient>> flood;
  for (int i = 0; i < 2000; ++i) {
    flood.push_back(std::make_unique<RawClient>(f.skylrd->port()));
    if (i % 2 == 1)
      REQUIRE(flood.back()->send("GET /status HTTP/1.1\r\nHost: x\r\n"));  // never finished
  }
  for (int probe = 0; probe < 3; ++probe) {
    auto asked = std::chrono::steady_clock::now();
    testing::HttpReply health = f.skylrd->health();
    CHECK_MESSAGE(health.status == 200, health.error);
    CHECK(std::chrono::steady_clock::now() - asked < 3s);
  }
  check_memory_growth("skylrd with 2,000 connections open", before, rss_kib(f.skylrd->pid()),
                      32 * 1024);
  flood.clear();
  CHECK(f.skylrd->await_health(200, R"("status":"ok")", 10s));
}

}  // namespace skylr::hostile
