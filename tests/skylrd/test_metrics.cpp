#include "metrics.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "version.h"

namespace skylr {

TEST_CASE("skylr::Metrics::render_prometheus") {
  Metrics metrics;
  CertificateInfo served{"CN=a", "CN=ca", {"a"}, {}, std::chrono::system_clock::time_point(std::chrono::seconds(1800000000)), "ab"};
  metrics.set_certificates({{"a.pem", served, ""}, {"b\"c.pem", std::nullopt, "no private key"}});
  metrics.count_event("callback", "status_update_event");
  metrics.count_event("callback", "status_update_event");
  metrics.count_event("stream", "deployment_success");
  metrics.count_regeneration();
  metrics.count_apply("applied");
  metrics.count_apply("failed_check");
  metrics.count_runtime_update();
  metrics.count_runtime_update();
  metrics.count_reload("slots_changed");
  metrics.count_reload("initial");
  metrics.count_reload("slots_changed");
  metrics.observe_marathon_request(0.25, true);
  metrics.observe_marathon_request(0.5, false);
  metrics.set_last_sync(std::chrono::system_clock::time_point(std::chrono::seconds(1700000000)));
  metrics.count_kept_apps(2);
  metrics.count_answer(AnswerVerdict::kTrusted);
  metrics.count_answer(AnswerVerdict::kRefused);
  metrics.count_answer(AnswerVerdict::kTrusted);
  metrics.set_backends("web", 3);
  metrics.set_backends("grp/a\"b", 0);
  metrics.count_config_reload(true);
  metrics.count_config_reload(false);
  metrics.count_config_reload(false);
  std::string text = metrics.render_prometheus();

  const char* expected_lines[] = {
      "# TYPE skylr_events_total counter\n",
      "skylr_events_total{source=\"callback\",type=\"status_update_event\"} 2\n",
      "skylr_events_total{source=\"stream\",type=\"deployment_success\"} 1\n",
      "skylr_regenerations_total 1\n",
      "skylr_applies_total{result=\"applied\"} 1\n",
      "skylr_applies_total{result=\"failed_check\"} 1\n",
      "# TYPE skylr_runtime_updates_total counter\nskylr_runtime_updates_total 2\n",
      "# TYPE skylr_reloads_total counter\nskylr_reloads_total{reason=\"certificates\"} 0\n"
      "skylr_reloads_total{reason=\"config_changed\"} 0\n"
      "skylr_reloads_total{reason=\"initial\"} 1\nskylr_reloads_total{reason=\"no_runtime\"} 0\n"
      "skylr_reloads_total{reason=\"recovery\"} 0\nskylr_reloads_total{reason=\"runtime_failed\"} 0\n"
      "skylr_reloads_total{reason=\"slots_changed\"} 2\n",
      "skylr_config_reloads_total{result=\"applied\"} 1\nskylr_config_reloads_total{result=\"refused\"} 2\n",
      "skylr_marathon_request_seconds_sum 0.75\n",
      "skylr_marathon_request_seconds_count 2\n",
      "skylr_marathon_request_failures_total 1\n",
      "# TYPE skylr_marathon_answers_total counter\n"
      "skylr_marathon_answers_total{verdict=\"trusted\"} 2\n"
      "skylr_marathon_answers_total{verdict=\"confirmed\"} 0\n"
      "skylr_marathon_answers_total{verdict=\"corrected\"} 0\n"
      "skylr_marathon_answers_total{verdict=\"refused\"} 1\n",
      "# TYPE skylr_marathon_apps_kept_total counter\nskylr_marathon_apps_kept_total 2\n",
      "skylr_last_sync_timestamp_seconds 1700000000.000\n",
      "skylr_last_reload_timestamp_seconds 0.000\n",
      "skylr_backends{service=\"grp/a\\\"b\"} 0\n",
      "skylr_backends{service=\"web\"} 3\n",
      "skylr_certificate_expiry_timestamp_seconds{file=\"a.pem\"} 1800000000\n# HELP skylr_certificate_refused",
      "skylr_certificate_refused{file=\"a.pem\"} 0\nskylr_certificate_refused{file=\"b\\\"c.pem\"} 1\n",
  };
  for (const char* line : expected_lines) {
    CAPTURE(line);
    CHECK(text.find(line) != std::string::npos);
  }
}

TEST_CASE("skylr::Metrics exports every counter and known label value at 0 from the start") {
  std::string text = Metrics().render_prometheus();
  const char* zero_series[] = {
      R"(skylr_marathon_answers_total{verdict="trusted"} 0)",
      R"(skylr_marathon_answers_total{verdict="confirmed"} 0)",
      R"(skylr_marathon_answers_total{verdict="corrected"} 0)",
      R"(skylr_marathon_answers_total{verdict="refused"} 0)",
      R"(skylr_marathon_reads_total{kind="full"} 0)",
      R"(skylr_marathon_reads_total{kind="app"} 0)",
      R"(skylr_applies_total{result="applied"} 0)",
      R"(skylr_applies_total{result="unchanged"} 0)",
      R"(skylr_applies_total{result="failed_render"} 0)",
      R"(skylr_applies_total{result="failed_check"} 0)",
      R"(skylr_applies_total{result="failed_write"} 0)",
      R"(skylr_applies_total{result="failed_reload"} 0)",
      R"(skylr_reloads_total{reason="initial"} 0)",
      R"(skylr_reloads_total{reason="recovery"} 0)",
      R"(skylr_reloads_total{reason="config_changed"} 0)",
      R"(skylr_reloads_total{reason="slots_changed"} 0)",
      R"(skylr_reloads_total{reason="runtime_failed"} 0)",
      R"(skylr_reloads_total{reason="no_runtime"} 0)",
      R"(skylr_config_reloads_total{result="applied"} 0)",
      R"(skylr_config_reloads_total{result="refused"} 0)",
      "skylr_marathon_apps_kept_total 0",
      "skylr_marathon_request_failures_total 0",
      "skylr_haproxy_restarts_total 0",
      "skylr_runtime_updates_total 0",
      "skylr_regenerations_total 0",
  };
  for (const char* series : zero_series) {
    CAPTURE(series);
    CHECK(text.find(fmt::format("\n{}\n", series)) != std::string::npos);
  }
  CHECK(text.find(fmt::format("\nskylr_build_info{{version=\"{}\"}} 1\n", skylrd_version())) != std::string::npos);
}

TEST_CASE("skylr::prometheus_label_value") {
  CHECK(prometheus_label_value("plain") == "plain");
  CHECK(prometheus_label_value("a\"b\\c\nd") == "a\\\"b\\\\c\\nd");
}

TEST_CASE("skylr::Metrics::count_event") {
  SUBCASE("types that are no Marathon event name count as other") {
    Metrics metrics;
    for (const char* type : {"x\"} 1\nforged 1", "\xff\xfe", "UPPER", "", "deployment_success"}) {
      metrics.count_event("callback", type);
    }
    std::string text = metrics.render_prometheus();
    CHECK(text.find("skylr_events_total{source=\"callback\",type=\"other\"} 4\n") != std::string::npos);
    CHECK(text.find("skylr_events_total{source=\"callback\",type=\"deployment_success\"} 1\n") !=
          std::string::npos);
    CHECK(text.find("forged") == std::string::npos);
    CHECK(text.find('\xff') == std::string::npos);
  }
  SUBCASE("new types beyond 128 counters count as other") {
    Metrics metrics;
    for (int i = 0; i < 1000; ++i) {
      metrics.count_event("stream", std::string(1 + i % 60, 'a') + std::string(i / 60, 'b'));
    }
    metrics.count_event("stream", "a");
    std::string text = metrics.render_prometheus();
    std::size_t event_lines = 0;
    for (std::size_t at = text.find("\nskylr_events_total{"); at != std::string::npos;
         at = text.find("\nskylr_events_total{", at + 1)) {
      ++event_lines;
    }
    CHECK(event_lines == 129);  // 128 types and "other"
    CHECK(text.find("skylr_events_total{source=\"stream\",type=\"a\"} 2\n") != std::string::npos);
    CHECK(text.find("skylr_events_total{source=\"stream\",type=\"other\"} 872\n") != std::string::npos);
  }
}

}  // namespace skylr
