// TLS end to end, with certificates made now by openssl and requests made by curl: skylrd
// follows marathon-sim with label discovery and a `tls` section; HTTPS on the shared port
// picks each app's certificate by SNI (curl checks it against the test authority) and routes
// by Host; a name no certificate has gets the default one and no backend; plain HTTP
// redirects to HTTPS and HSTS is sent only where the app's labels ask. A rotated
// certificate is served after a SIGHUP through the Runtime API, the HAProxy worker the same;
// an expired or mismatched file is refused and the old certificate keeps serving; a new
// certificate file is served, and a removed one dropped, without a reload either.
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "e2e_stack.h"
#include "processes.h"
#include "test_certificates.h"

namespace skylr::e2e {
namespace {

// What curl saw of one request.
struct CurlAnswer {
  int exit_code = -1;    // 0: the request was made and, for HTTPS, the certificate verified
  std::string status;    // "200", "301", ...
  std::string version;   // the HTTP version spoken: "2" when ALPN chose h2
  std::string headers;   // lower case
  std::string body;
  std::string certificate;  // the server's certificate as curl describes it (%{certs}), HTTPS only
};

// Runs curl with `arguments` and the request `url`, its files in `dir`.
CurlAnswer curl(const testing::TempDir& dir, std::vector<std::string> arguments, const std::string& url) {
  std::vector<std::string> argv = {"/usr/bin/curl", "-sS", "--max-time", "5", "-D", dir.path("curl.headers"),
                                   "-o", dir.path("curl.body"), "-w", "%{http_code} %{http_version}\n%{certs}"};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  argv.push_back(url);
  std::filesystem::remove(dir.path("curl.headers"));
  std::filesystem::remove(dir.path("curl.body"));
  CurlAnswer answer;
  answer.exit_code = testing::run_to_end(argv, dir.path("curl.out"), std::chrono::seconds(10)).exit_code;
  std::string out = std::filesystem::exists(dir.path("curl.out")) ? testing::read_file(dir.path("curl.out")) : "";
  std::string first_line = out.substr(0, out.find('\n'));
  answer.status = first_line.substr(0, first_line.find(' '));
  if (first_line.find(' ') != std::string::npos) answer.version = first_line.substr(first_line.find(' ') + 1);
  if (out.find('\n') != std::string::npos) answer.certificate = out.substr(out.find('\n') + 1);
  if (std::filesystem::exists(dir.path("curl.headers"))) answer.headers = testing::read_file(dir.path("curl.headers"));
  std::transform(answer.headers.begin(), answer.headers.end(), answer.headers.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (std::filesystem::exists(dir.path("curl.body"))) answer.body = testing::read_file(dir.path("curl.body"));
  return answer;
}

// The HTTPS stack: certificates default.pem (default.e2e.test), a.pem and b.pem in a
// directory of their own, skylrd with discovery and TLS on two free ports, the service
// "web" with a TLS port of its own that its plain port redirects to, apps /a (HSTS,
// redirect to HTTPS, SSL_CERT a.pem) and /b (neither, and an SSL_CERT naming a file that is
// not there).
struct TlsStack {
  testing::TempDir scratch;
  testing::TestCertificateAuthority authority{scratch.path("ca")};
  std::string certificates = scratch.path("certs");
  int http_port = testing::free_port();
  int https_port = testing::free_port();
  int web_https_port = testing::free_port();
  std::unique_ptr<Stack> stack;

  TlsStack() {
    std::filesystem::create_directory(certificates);
    put("default.pem", authority.server_certificate({"default.e2e.test"}).pem());
    put("a.pem", authority.server_certificate({"a.e2e.test"}).pem());
    put("b.pem", authority.server_certificate({"b.e2e.test", "*.b.e2e.test"}).pem());
    SkylrdSettings settings;
    settings.discovery_http_port = http_port;
    settings.https_port = https_port;
    settings.tls_certificates = certificates;
    settings.web_https_port = web_https_port;
    stack = std::make_unique<Stack>(1, settings);
    stack->sim.put_app("/a", R"({"instances": 1, "portDefinitions": [{"port": 0}],
        "labels": {"HAPROXY_GROUP": "e2e", "HAPROXY_0_VHOST": "a.e2e.test", "HAPROXY_0_REDIRECT_TO_HTTPS": "true",
                   "HAPROXY_0_USE_HSTS": "true", "HAPROXY_0_SSL_CERT": "a.pem"}})");
    stack->sim.put_app("/b", R"({"instances": 1, "portDefinitions": [{"port": 0}],
        "labels": {"HAPROXY_GROUP": "e2e", "HAPROXY_0_VHOST": "b.e2e.test", "HAPROXY_0_SSL_CERT": "gone.pem"}})");
  }

  // Writes the certificate file `name` (the directory's view changes at once).
  void put(const std::string& name, const std::string& pem) const {
    testing::write_file(certificates + "/" + name, pem);
  }

  // GET https://<host>:<https_port><path>, trusting only the test authority.
  CurlAnswer https(const std::string& host, const std::string& path = "/") const {
    return curl(scratch, {"--cacert", authority.ca_file(), "--resolve", fmt::format("{}:{}:127.0.0.1", host, https_port)},
                fmt::format("https://{}:{}{}", host, https_port, path));
  }

  // The same without checking the certificate (to see the default one).
  CurlAnswer https_unchecked(const std::string& host) const {
    return curl(scratch, {"-k", "--resolve", fmt::format("{}:{}:127.0.0.1", host, https_port)},
                fmt::format("https://{}:{}/", host, https_port));
  }

  // GET http://<host><path> on the shared HTTP port.
  CurlAnswer http(const std::string& host, const std::string& path) const {
    return curl(scratch, {"-H", "Host: " + host}, fmt::format("http://127.0.0.1:{}{}", http_port, path));
  }

  // The HAProxy worker serving now.
  pid_t worker() const { return worker_of(testing::read_pid_file(stack->dir.path("haproxy.pid"))); }
};

}  // namespace

TEST_CASE("skylrd e2e: HTTPS picks each app's certificate by SNI, redirects and HSTS only where asked") {
  TlsStack tls;
  Stack& stack = *tls.stack;
  INFO("skylrd log:\n", stack.skylrd.log());
  REQUIRE(stack.in_sync());
  REQUIRE(testing::wait_until([&] { return tls.https("a.e2e.test").body.starts_with("/a "); }, 10s));
  REQUIRE(testing::wait_until([&] { return tls.https("b.e2e.test").body.starts_with("/b "); }, 10s));

  CurlAnswer a = tls.https("a.e2e.test", "/x?y=1");
  CHECK(a.exit_code == 0);
  CHECK(a.certificate.find("Subject:CN = a.e2e.test") != std::string::npos);
  CHECK(a.headers.find("strict-transport-security: max-age=15768000") != std::string::npos);
  CHECK(a.version == "2");  // HTTP/2, offered by ALPN
  CurlAnswer b = tls.https("b.e2e.test");
  CHECK(b.exit_code == 0);
  CHECK(b.certificate.find("Subject:CN = b.e2e.test") != std::string::npos);
  CHECK(b.headers.find("strict-transport-security") == std::string::npos);

  // A name no certificate has: the default certificate (curl refuses it for that name), no backend.
  CHECK(tls.https("c.e2e.test").exit_code == 60);
  CurlAnswer unknown = tls.https_unchecked("c.e2e.test");
  CHECK(unknown.certificate.find("Subject:CN = default.e2e.test") != std::string::npos);
  CHECK(unknown.status == "404");

  // Plain HTTP: /a is sent to HTTPS with its path and query, /b is served as it is, neither with HSTS.
  CurlAnswer redirected = tls.http("A.e2e.test:80", "/x?y=1");
  CHECK(redirected.status == "301");
  CHECK(redirected.headers.find(fmt::format("location: https://a.e2e.test:{}/x?y=1", tls.https_port)) !=
        std::string::npos);
  CHECK(redirected.headers.find("strict-transport-security") == std::string::npos);
  CurlAnswer plain = tls.http("b.e2e.test", "/");
  CHECK(plain.status == "200");
  CHECK(plain.body.starts_with("/b "));
  CHECK(plain.headers.find("strict-transport-security") == std::string::npos);

  // The explicit service "web": its own TLS port serves it, its plain port redirects there.
  CurlAnswer web = curl(tls.scratch, {"--cacert", tls.authority.ca_file(), "--resolve",
                                      fmt::format("default.e2e.test:{}:127.0.0.1", tls.web_https_port)},
                        fmt::format("https://default.e2e.test:{}/", tls.web_https_port));
  CHECK(web.exit_code == 0);
  CHECK(web.body.starts_with("/web "));
  CurlAnswer web_plain = curl(tls.scratch, {"-H", "Host: web.e2e.test"},
                              fmt::format("http://127.0.0.1:{}/p?q=2", stack.skylrd.service_port()));
  CHECK(web_plain.status == "301");
  CHECK(web_plain.headers.find(fmt::format("location: https://web.e2e.test:{}/p?q=2", tls.web_https_port)) !=
        std::string::npos);

  // /status and /metrics describe what is served.
  rapidjson::Document status = stack.skylrd.status();
  REQUIRE(status["certificates"].IsArray());
  REQUIRE(status["certificates"].Size() == 3);
  const rapidjson::Value& first = status["certificates"][0];
  CHECK(std::string(first["file"].GetString()) == "a.pem");
  CHECK(std::string(first["subject"].GetString()) == "CN=a.e2e.test");
  CHECK(std::string(first["names"][0].GetString()) == "a.e2e.test");
  CHECK(first["refused"].IsNull());
  CHECK(stack.skylrd.metric("skylr_certificate_expiry_timestamp_seconds", R"(file="a.pem")") >
        static_cast<double>(std::time(nullptr)));

  // /b's SSL_CERT names a file the directory does not have: a problem at the next full sync, /b still served.
  stack.skylrd.hangup();
  CHECK(testing::wait_until(
      [&] {
        return stack.skylrd.log().find("warning sync: app /b port 0: HAPROXY_0_SSL_CERT names gone.pem, which "
                                       "tls.certificates does not serve") != std::string::npos;
      },
      10s));
  CHECK(tls.https("b.e2e.test").body.starts_with("/b "));
}

TEST_CASE("skylrd e2e: certificates rotate, come and go without a reload, broken ones are refused") {
  TlsStack tls;
  Stack& stack = *tls.stack;
  INFO("skylrd log:\n", stack.skylrd.log());
  REQUIRE(stack.in_sync());
  REQUIRE(testing::wait_until([&] { return tls.https("a.e2e.test").body.starts_with("/a "); }, 10s));
  double reloads = stack.skylrd.metric("skylr_reloads_total");
  pid_t worker = tls.worker();
  REQUIRE(worker > 0);

  tls.put("a.pem", tls.authority.server_certificate({"a.e2e.test", "rotated.a.e2e.test"}).pem());
  stack.skylrd.hangup();
  CHECK(testing::wait_until(
      [&] { return tls.https("a.e2e.test").certificate.find("rotated.a.e2e.test") != std::string::npos; }, 10s));
  CHECK(tls.https("a.e2e.test").body.starts_with("/a "));
  CHECK(stack.skylrd.metric("skylr_reloads_total") == reloads);
  CHECK(tls.worker() == worker);
  CHECK(stack.skylrd.log().find("tls: certificates replaced a.pem -> through the Runtime API, no reload") !=
        std::string::npos);

  // An expired a.pem and a b.pem whose key is another's: refused, the certificates before keep serving.
  tls.put("a.pem", tls.authority.expired_certificate({"a.e2e.test"}).pem());
  tls.put("b.pem", tls.authority.mismatched_certificate({"b.e2e.test"}).pem());
  stack.skylrd.hangup();
  CHECK(testing::wait_until(
      [&] {
        return stack.skylrd.log().find("tls: certificate refused, what HAProxy had stays: b.pem: the private key "
                                       "does not match the certificate") != std::string::npos;
      },
      10s));
  CHECK(stack.skylrd.log().find("tls: certificate refused, what HAProxy had stays: a.pem: expired on ") !=
        std::string::npos);
  CurlAnswer a = tls.https("a.e2e.test");
  CHECK(a.exit_code == 0);
  CHECK(a.certificate.find("rotated.a.e2e.test") != std::string::npos);
  CHECK(tls.https("b.e2e.test").exit_code == 0);
  CHECK(stack.skylrd.metric("skylr_certificate_refused", R"(file="a.pem")") == 1);
  CHECK(stack.skylrd.metric("skylr_reloads_total") == reloads);
  CHECK(tls.worker() == worker);

  // A certificate HAProxy does not have yet, and one that leaves: through the Runtime API too.
  tls.put("c.pem", tls.authority.server_certificate({"c.e2e.test"}).pem());
  stack.sim.put_app("/c", R"({"instances": 1, "portDefinitions": [{"port": 0}],
      "labels": {"HAPROXY_GROUP": "e2e", "HAPROXY_0_VHOST": "c.e2e.test"}})");
  stack.skylrd.hangup();
  CHECK(testing::wait_until([&] { return tls.https("c.e2e.test").body.starts_with("/c "); }, 10s));
  std::filesystem::remove(tls.certificates + "/c.pem");
  stack.skylrd.hangup();
  CHECK(testing::wait_until([&] { return tls.https("c.e2e.test").exit_code == 60; }, 10s));  // the default one again
  CHECK(stack.skylrd.metric("skylr_reloads_total") == reloads);
  CHECK(tls.worker() == worker);
  CHECK(stack.skylrd.log().find("tls: certificates added c.pem -> through the Runtime API, no reload") !=
        std::string::npos);
}

}  // namespace skylr::e2e
