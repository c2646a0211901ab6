// Label discovery end to end: skylrd follows marathon-sim with discovery on; an app
// created there with HAPROXY_GROUP and a virtual host is routed by Host on the shared
// port, and stops being routed when it is deleted, HAProxy never reloaded for either
// (it takes a spare backend, then is retired); an app with a raw-text label is left out,
// with a warning in the log.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <httplib.h>

#include "e2e_stack.h"

namespace skylr::e2e {
namespace {

// The body of GET / with `host` on 127.0.0.1:`port`, or the status when not 200.
std::string get_host(int port, const std::string& host) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(2);
  client.set_read_timeout(2);
  auto answer = client.Get("/", httplib::Headers{{"Host", host}});
  if (!answer) return "no answer";
  return answer->status == 200 ? answer->body : std::to_string(answer->status);
}

}  // namespace

TEST_CASE("skylrd e2e: an app labelled in marathon-sim is routed by its vhost and withdrawn, without a reload") {
  SkylrdSettings settings;
  settings.discovery_http_port = testing::free_port();
  int port = settings.discovery_http_port;
  Stack stack(1, settings);
  REQUIRE(stack.in_sync());
  CHECK(get_host(port, "blog.e2e.test") == "404");
  double reloads = stack.skylrd.metric("skylr_reloads_total");

  stack.sim.put_app("/blog", R"({"instances": 1, "portDefinitions": [{"port": 0}],
                                 "labels": {"HAPROXY_GROUP": "e2e", "HAPROXY_0_VHOST": "blog.e2e.test"}})");
  CHECK(testing::wait_until([&] { return get_host(port, "BLOG.e2e.test:80").starts_with("/blog "); }, 10s));
  CHECK(get_host(port, "other.e2e.test") == "404");
  CHECK(stack.skylrd.metric("skylr_reloads_total") == reloads);

  // A refused label leaves out that app's port, says so in the log, and stops nothing else.
  stack.sim.put_app("/evil", R"({"instances": 1, "portDefinitions": [{"port": 0}],
                                 "labels": {"HAPROXY_GROUP": "e2e", "HAPROXY_0_VHOST": "evil.e2e.test",
                                            "HAPROXY_0_BACKEND_HEAD": "  server x 6.6.6.6:80"}})");
  CHECK(testing::wait_until(
      [&] {
        return stack.skylrd.log().find("warning sync: app /evil port 0 is not published: label "
                                       "HAPROXY_0_BACKEND_HEAD: raw HAProxy text is refused") != std::string::npos;
      },
      10s));
  CHECK(get_host(port, "evil.e2e.test") == "404");
  CHECK(get_host(port, "blog.e2e.test").starts_with("/blog "));
  CHECK(stack.skylrd.live_config().find("6.6.6.6") == std::string::npos);

  stack.sim.delete_app("/blog");
  CHECK(testing::wait_until([&] { return get_host(port, "blog.e2e.test") == "404"; }, 10s));
  CHECK(stack.skylrd.metric("skylr_reloads_total") == reloads);
  CHECK(stack.in_sync());  // /web kept its own port and tasks throughout
}

}  // namespace skylr::e2e
