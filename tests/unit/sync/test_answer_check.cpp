#include "sync/answer_check.h"

#include <doctest/doctest.h>

#include <string>

#include "fake_http_client.h"
#include "test_configs.h"

namespace skylr::sync {
namespace {

constexpr const char* kFirst = "http://m1:8080";
constexpr const char* kSecond = "http://m2:8080";
constexpr const char* kServedAnswer = R"({"apps":[{"id":"/web","tasks":[
  {"id":"web.1","host":"10.0.0.1","ports":[31001],"state":"TASK_RUNNING"},
  {"id":"web.2","host":"10.0.0.2","ports":[31002],"state":"TASK_RUNNING"}]}]})";
constexpr const char* kOneLeft = R"({"apps":[{"id":"/web","tasks":[
  {"id":"web.2","host":"10.0.0.2","ports":[31002],"state":"TASK_RUNNING"}]}]})";
constexpr const char* kNone = R"({"apps":[{"id":"/web","tasks":[]}]})";

// /web with two tasks served; Marathon's masters m1 (which answered last) and m2.
struct Fixture {
  Config config = testing::config_with_service("web");
  testing::FakeHttpClient http;
  MarathonClient marathon{{{"http", "m1", 8080, ""}, {"http", "m2", 8080, ""}}, std::nullopt, http};
  Model served = build_model(config, parse_apps(kServedAnswer).value());

  // The report of a first read that gave `body`, checked against the served model while
  // m2 answers `second`.
  SyncReport check(const std::string& body, const std::string& second) {
    http.answer(kSecond, 200, second);
    SyncReport report;
    report.model = build_model(config, parse_apps(body).value(), served);
    check_answer(config, marathon, served, report);
    return report;
  }
};

}  // namespace

TEST_CASE("skylr::sync::check_answer") {
  Fixture f;

  SUBCASE("half of the servers removed: trusted without a second read") {
    SyncReport report = f.check(kOneLeft, kServedAnswer);
    CHECK(report.verdict == AnswerVerdict::kTrusted);
    CHECK(report.verdict_detail.empty());
    CHECK(f.http.requests().empty());
  }
  SUBCASE("all removed, and m2 says the same: confirmed") {
    SyncReport report = f.check(kNone, kNone);
    CHECK(report.verdict == AnswerVerdict::kConfirmed);
    CHECK(f.http.urls() == std::vector<std::string>{std::string(kSecond) + "/v2/apps?embed=apps.tasks"});
    CHECK(report.model.services.at(0).servers.empty());
  }
  SUBCASE("all removed, m2 lists one left: corrected to m2's answer") {
    SyncReport report = f.check(kNone, kOneLeft);
    CHECK(report.verdict == AnswerVerdict::kCorrected);
    CHECK(report.model.services.at(0).servers.size() == 1);
  }
  SUBCASE("all removed, m2 answers garbage: refused, the served model kept") {
    SyncReport report = f.check(kNone, R"({"apps":7})");
    CHECK(report.verdict == AnswerVerdict::kRefused);
    CHECK(report.verdict_detail ==
          "Marathon's answer was drastic: it removes 2 of 2 servers (100 %, more than reload.max_removed_share "
          "50 %), and a second read failed: GET /v2/apps?embed=apps.tasks: apps: expected an array, got 7");
    CHECK(report.model.services.at(0).servers.size() == 2);
  }
  SUBCASE("a malformed app in the second read keeps the served servers, which is not drastic") {
    SyncReport report = f.check(kNone, R"({"apps":[{"id":"/web"}]})");
    CHECK(report.verdict == AnswerVerdict::kCorrected);
    CHECK(report.model.services.at(0).last_known);
    CHECK(report.model.services.at(0).servers.size() == 2);
  }
}

}  // namespace skylr::sync
