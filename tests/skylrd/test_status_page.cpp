#include <doctest/doctest.h>

#include <string>

#include "status_page.h"

namespace skylr {
namespace {

using protocol::SkylrdStatus;
using protocol::StatusServer;
using protocol::StatusService;

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

SkylrdStatus sample_status() {
  SkylrdStatus status;
  status.version = "1.2.3";
  status.healthy = true;
  status.last_sync = "2026-12-02T05:19:52Z";
  status.last_apply_status = "applied";
  status.last_apply_method = "runtime";
  status.last_apply_duration_ms = 3;
  StatusService web{"web",
                    "/web",
                    8000,
                    true,
                    {{"t-1", "10.0.0.1", 31000, "web.1", "slot-1"}},
                    2,
                    {{"t-0", "10.0.0.9", 31009, "web.0", "slot-2"}}};
  status.services = {web, StatusService{"api", "/api", 8001, false, {}, 0, {}}};
  status.recent_events = {{"2026-12-02T05:19:51.000Z", "info", "sync: start-up sync -> applied"},
                          {"2026-12-02T05:19:52.000Z", "warning", "events: the stream ended"}};
  return status;
}

}  // namespace

TEST_CASE("skylr::status_page") {
  SkylrdStatus status = sample_status();
  Health health{true, {}, {}};

  SUBCASE("a whole page: readable on a phone, nothing from elsewhere, the main part inside") {
    std::string page = status_page(status, health);
    CHECK(page.starts_with("<!doctype html>\n"));
    CHECK(contains(page, R"(<meta name="viewport" content="width=device-width, initial-scale=1">)"));
    CHECK(contains(page, "@media (max-width: 40rem)"));
    CHECK(contains(page, "<script>"));
    CHECK(contains(page, "fetch('/?view=main'"));
    CHECK(contains(page, R"(data-refresh-seconds="2" data-refreshes="0")"));
    CHECK(contains(page, "skylrd 1.2.3"));
    CHECK_FALSE(contains(page, "http://"));
    CHECK_FALSE(contains(page, "https://"));
    CHECK_FALSE(contains(page, " src="));
    CHECK_FALSE(contains(page, "<link"));
    CHECK(contains(page, "<main id=\"main\">\n" + status_page_main(status, health) + "</main>"));
  }
  SUBCASE("services with their servers' slots and states, newest event first") {
    std::string main = status_page_main(status, health);
    CHECK(contains(main, R"(<section id="health" class="health ok"><h2>Health: ok</h2>)"));
    CHECK(contains(main, R"(<article class="service" data-service="web"><h3>web <small>app /web &middot; port 8000)"));
    CHECK(contains(main, R"(<tr class="live"><td>slot-1</td><td>10.0.0.1:31000</td><td>web.1</td><td>live</td></tr>)"));
    CHECK(contains(
        main, R"(<tr class="draining"><td>slot-2</td><td>10.0.0.9:31009</td><td>web.0</td><td>draining</td></tr>)"));
    CHECK(contains(main, "no servers (Marathon has no app /api)"));
    CHECK(contains(main, "<dt>Last apply</dt><dd>applied through the Runtime API in 3 ms</dd>"));
    CHECK(main.find("events: the stream ended") < main.find("sync: start-up sync"));
  }
  SUBCASE("certificates: what each file serves until when, or why it is refused; no section without them") {
    CHECK_FALSE(contains(status_page_main(status, health), "id=\"certificates\""));
    status.certificates = {{"a.pem", true, "CN=a.test", {"a.test", "www.a.test"}, "2026-01-01T00:00:00Z",
                            "2027-01-01T00:00:00Z", "ab12", ""},
                           {"b.pem", true, "CN=b.test", {"b.test"}, "2026-01-01T00:00:00Z", "2027-02-01T00:00:00Z",
                            "cd34", "expired on 2020-01-01 00:00:00 UTC"},
                           {"c.pem", false, "", {}, "", "", "", "no private key"}};
    std::string main = status_page_main(status, health);
    CHECK(contains(main, R"(<section id="certificates"><h2>Certificates (3)</h2>)"));
    CHECK(contains(main, "<tr class=\"live\"><td>a.pem</td><td>CN=a.test</td><td>a.test, www.a.test</td>"
                         "<td>2027-01-01T00:00:00Z</td><td>served</td></tr>"));
    CHECK(contains(main, "<tr class=\"refused\"><td>b.pem</td><td>CN=b.test</td><td>b.test</td>"
                         "<td>2027-02-01T00:00:00Z</td><td>refused: expired on 2020-01-01 00:00:00 UTC</td></tr>"));
    CHECK(contains(main, "<tr class=\"refused\"><td>c.pem</td><td>-</td><td></td><td>-</td><td>refused: no private key</td></tr>"));
  }
  SUBCASE("degraded and unhealthy, with the reasons") {
    CHECK(contains(status_page_main(status, {true, {}, {"config file refused"}}),
                   R"(<section id="health" class="health degraded"><h2>Health: degraded</h2>)"
                   "\n<ul><li>config file refused</li>"));
    CHECK(contains(status_page_main(status, {false, {"cannot read Marathon"}, {}}), "<h2>Health: unhealthy</h2>"));
  }
  SUBCASE("every text from Marathon, HAProxy or a log line is escaped") {
    status.services[0].app_id = "/web<script>alert(1)</script>";
    status.services[0].servers[0].address = "<script>alert('host')</script>";
    status.services[0].servers[0].task_id = "web.\"><img src=x onerror=alert(2)>";
    status.problems = {"task <b>x</b> & more"};
    status.recent_events[0].message = "</li><script>alert(3)</script>";
    status.last_error = "haproxy said <ALERT>";
    status.certificates = {{"d.pem", true, "CN=<script>alert(4)</script>", {"<i>x</i>"}, "", "", "", ""}};
    std::string page = status_page(status, {false, {"reason <i>"}, {}});
    CHECK_FALSE(contains(page, "<script>alert"));
    CHECK_FALSE(contains(page, "<img"));
    CHECK_FALSE(contains(page, "<b>x"));
    CHECK(contains(page, "app /web&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK(contains(page, "<td>&lt;script&gt;alert(&#39;host&#39;)&lt;/script&gt;:31000</td>"));
    CHECK(contains(page, "<td>web.&quot;&gt;&lt;img src=x onerror=alert(2)&gt;</td>"));
    CHECK(contains(page, "<li>task &lt;b&gt;x&lt;/b&gt; &amp; more</li>"));
    CHECK(contains(page, "&lt;/li&gt;&lt;script&gt;alert(3)&lt;/script&gt;"));
    CHECK(contains(page, "<li>reason &lt;i&gt;</li>"));
    CHECK(contains(page, "haproxy said &lt;ALERT&gt;"));
    CHECK(contains(page, "<td>CN=&lt;script&gt;alert(4)&lt;/script&gt;</td><td>&lt;i&gt;x&lt;/i&gt;</td>"));
  }
}

TEST_CASE("skylr::html_escape") {
  CHECK(html_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(html_escape("plain /web 10.0.0.1") == "plain /web 10.0.0.1");
}

}  // namespace skylr
