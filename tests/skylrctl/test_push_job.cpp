// `skylrctl push-job` in-process against marathon-sim, directly and through skylrd's
// job-update handlers: every exit code, locks with and without --force, tokens, refused apps and
// fields, credentials, and --wait to completion and to its timeout.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fstream>
#include <thread>

#include "cmd_push_job.h"
#include "ctl_fixture.h"
#include "integration_support.h"
#include "sim_fixture.h"

namespace skylr {
namespace {

using sim::testing::RunningSim;
using testing::Outcome;

constexpr const char* kWebApp = R"({"apps":[{"id":"/web","instances":1,"portDefinitions":[{"port":0}]}]})";

// A simulator running /web with one task; new tasks stage for `stage_ms`.
struct Marathon {
  explicit Marathon(int stage_ms = 20, std::string user = "", std::string password = "")
      : user(std::move(user)),
        password(std::move(password)),
        sim(
            [&] {
              auto options = sim::testing::test_options(stage_ms);
              if (!this->user.empty()) options.credentials = this->user + ":" + this->password;
              return options;
            }(),
            kWebApp) {}

  std::string url() const { return "http://127.0.0.1:" + std::to_string(sim.port()); }

  // The instances of /web.
  int instances() const {
    auto client = sim.client();
    if (!user.empty()) client.set_basic_auth(user.c_str(), password.c_str());
    auto app = sim::testing::get_json(client, "/v2/apps/web");
    return sim::testing::at(sim::testing::at(app, "app"), "instances").GetInt();
  }

  std::string user;
  std::string password;
  RunningSim sim;
};

// Runs `skylrctl push-job <args>` with a 10 ms poll.
Outcome push_job(std::vector<std::string> args, bool in_place = false) {
  args.insert(args.begin(), "push-job");
  return testing::run_command<PushJobOptions>(setup_push_job, run_push_job, args,
                                              [&](PushJobOptions& options) {
                                                options.poll_interval = std::chrono::milliseconds(10);
                                                options.progress_in_place = in_place;
                                              });
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("skylr::run_push_job to Marathon") {
  Marathon marathon(5000);

  SUBCASE("a push starts a deployment and says so") {
    Outcome done = push_job({"web", "--instances", "3", "--marathon", marathon.url()});
    CHECK(done.code == kExitDone);
    CHECK(done.out.starts_with("deployment "));
    CHECK(contains(done.out, " started for /web (version "));
    CHECK(done.err.empty());
    CHECK(marathon.instances() == 3);
  }
  SUBCASE("--json: Marathon's answer in one object, the text on stderr") {
    Outcome done = push_job({"web", "--instances", "3", "--marathon", marathon.url(), "--json"});
    CHECK(done.code == kExitDone);
    CHECK(testing::json_member(done.out, "command") == "push-job");
    CHECK(testing::json_member(done.out, "ok") == "true");
    CHECK(testing::json_member(done.out, "app_id") == "/web");
    CHECK(testing::json_member(done.out, "via") == "marathon");
    CHECK(testing::json_member(done.out, "status") == "200");
    std::string deployment = testing::json_member(done.out, "deployment_id");
    CHECK_FALSE(deployment.empty());
    CHECK_FALSE(testing::json_member(done.out, "version").empty());
    CHECK(done.err.starts_with("deployment " + deployment + " started for /web"));
    Outcome locked = push_job({"web", "--instances", "4", "--marathon", marathon.url(), "--json"});
    CHECK(locked.code == kExitLocked);
    CHECK(testing::json_member(locked.out, "ok") == "false");
    CHECK(testing::json_member(locked.out, "exit_code") == "3");
    CHECK(testing::json_member(locked.out, "status") == "409");
    CHECK(testing::json_member(locked.out, "deployments") == fmt::format(R"(["{}"])", deployment));
    CHECK(testing::json_member(locked.out, "messages").starts_with(R"(["/web is locked by deployment )"));
    Outcome down = push_job({"web", "--instances", "2", "--marathon", testing::dead_url(), "--json"});
    CHECK(down.code == kExitUnreachable);
    CHECK(testing::json_member(down.out, "error").starts_with("cannot push to Marathon: no Marathon answered: "));
  }
  SUBCASE("409: locked by the deployment in progress; --force replaces it") {
    Outcome first = push_job({"/web", "--instances", "2", "--marathon", marathon.url()});
    REQUIRE(first.code == kExitDone);
    std::string deployment = first.out.substr(11, first.out.find(' ', 11) - 11);
    Outcome locked = push_job({"web", "--instances", "4", "--marathon", marathon.url()});
    CHECK(locked.code == kExitLocked);
    CHECK(locked.out.empty());
    CHECK(locked.err.starts_with("/web is locked by deployment " + deployment +
                                 ": App is locked by one or more"));
    CHECK(contains(locked.err, "\nwait for it, or push again with --force to replace it\n"));
    CHECK(marathon.instances() == 2);
    Outcome forced = push_job({"web", "--instances", "4", "--force", "--marathon", marathon.url()});
    CHECK(forced.code == kExitDone);
    CHECK(marathon.instances() == 4);
  }
  SUBCASE("--file, then the flags; its id must be the app's") {
    testing::TempDir dir;
    std::string file = dir.path("web.json");
    std::ofstream(file) << R"({"id":"/web","instances":5,"mem":64})";
    CHECK(push_job({"web", "--file", file, "--instances", "2", "--marathon", marathon.url()}).code ==
          kExitDone);
    CHECK(marathon.instances() == 2);
    Outcome other = push_job({"api", "--file", file, "--marathon", marathon.url()});
    CHECK(other.code == kExitError);
    CHECK(other.err == file + ": \"id\" is \"/web\", not the app pushed (/api)\n");
    Outcome missing = push_job({"web", "--file", dir.path("none.json"), "--marathon", marathon.url()});
    CHECK(missing.code == kExitError);
    CHECK(contains(missing.err, "none.json"));
  }
  SUBCASE("an app Marathon rejects: 422 with its details") {
    testing::TempDir dir;
    std::string file = dir.path("web.json");
    std::ofstream(file) << R"({"instances":-1})";
    Outcome invalid = push_job({"web", "--file", file, "--marathon", marathon.url()});
    CHECK(invalid.code == kExitError);
    CHECK(invalid.err.starts_with(
        "Marathon refused the update of /web (HTTP 422): Object is not valid [{\"path\":"));
  }
  SUBCASE("Marathon without a leader answers 503") {
    auto client = marathon.sim.client();
    REQUIRE(client.Post("/_sim/leader?available=false"));
    Outcome failed = push_job({"web", "--instances", "2", "--marathon", marathon.url()});
    CHECK(failed.code == kExitUnreachable);
    CHECK(failed.err.starts_with("Marathon failed on the update of /web (HTTP 503)"));
  }
  SUBCASE("Marathon down: the next --marathon is tried; none answering is unreachable") {
    std::string dead = testing::dead_url();
    CHECK(push_job({"web", "--instances", "2", "--marathon", dead, "--marathon", marathon.url()}).code ==
          kExitDone);
    Outcome down = push_job({"web", "--instances", "2", "--marathon", dead});
    CHECK(down.code == kExitUnreachable);
    CHECK(down.err == "cannot push to Marathon: no Marathon answered: " + dead + ": cannot connect\n");
  }
}

TEST_CASE("skylr::run_push_job with Marathon's credentials") {
  Marathon marathon(20, "admin", "secret");
  SUBCASE("wrong or missing: refused") {
    Outcome wrong = push_job({"web", "--instances", "2", "--marathon", marathon.url(), "--marathon-user",
                              "admin", "--marathon-password", "guess"});
    CHECK(wrong.code == kExitRefused);
    CHECK(wrong.err == "cannot push to Marathon: Marathon refused the credentials (401)\n");
    CHECK(push_job({"web", "--instances", "2", "--marathon", marathon.url()}).code == kExitRefused);
  }
  SUBCASE("from the flags or from SKYLR_MARATHON_CREDENTIALS") {
    CHECK(push_job({"web", "--instances", "2", "--marathon", marathon.url(), "--marathon-user", "admin",
                    "--marathon-password", "secret"})
              .code == kExitDone);
    testing::ScopedEnv credentials("SKYLR_MARATHON_CREDENTIALS", "admin:secret");
    CHECK(push_job({"web", "--instances", "3", "--marathon", marathon.url(), "--force"}).code == kExitDone);
    CHECK(marathon.instances() == 3);
  }
}

TEST_CASE("skylr::run_push_job through skylrd") {
  Marathon marathon(5000);
  testing::FakeSkylrd skylrd(marathon.url());

  SUBCASE("the right token: forwarded, and reported like a direct push") {
    Outcome done =
        push_job({"web", "--instances", "3", "--skylrd", skylrd.url(), "--token", testing::kToken});
    CHECK(done.code == kExitDone);
    CHECK(contains(done.out, " started for /web (version "));
    CHECK(marathon.instances() == 3);
    testing::ScopedEnv token("SKYLR_TOKEN", testing::kToken);
    Outcome locked = push_job({"web", "--instances", "2", "--skylrd", skylrd.url()});
    CHECK(locked.code == kExitLocked);
    CHECK(locked.err.starts_with("/web is locked by deployment "));
    CHECK(push_job({"web", "--instances", "2", "--force", "--skylrd", skylrd.url()}).code == kExitDone);
    CHECK(marathon.instances() == 2);
    auto audit = skylrd.audit_lines();
    REQUIRE(audit.size() == 3);
    CHECK(audit[0].starts_with(
        "audit: job update by token \"ci\" from 127.0.0.1: app /web fields instances=3 -> HTTP"));
  }
  SUBCASE("a wrong token, a refused app, a refused field: refused, nothing forwarded") {
    Outcome wrong =
        push_job({"web", "--instances", "3", "--skylrd", skylrd.url(), "--token", "wrong-token-000000000"});
    CHECK(wrong.code == kExitRefused);
    CHECK(wrong.err == "skylrd refused the push (HTTP 401): the bearer token is not valid\n");
    Outcome app = push_job({"db", "--instances", "3", "--skylrd", skylrd.url(), "--token", testing::kToken});
    CHECK(app.code == kExitRefused);
    CHECK(app.err == "skylrd refused the push (HTTP 403): app /db is not tracked by this skylrd\n");
    testing::TempDir dir;
    std::ofstream(dir.path("web.json")) << R"({"cmd":"rm -rf /"})";
    Outcome field = push_job(
        {"web", "--file", dir.path("web.json"), "--skylrd", skylrd.url(), "--token", testing::kToken});
    CHECK(field.code == kExitRefused);
    CHECK(field.err ==
          "skylrd refused the push (HTTP 403): field \"cmd\" of app /web is not allowed "
          "(allowed: instances, cpus, mem)\n");
    auto audit = skylrd.audit_lines();
    REQUIRE(audit.size() == 3);
    for (const std::string& line : audit) CHECK(line.starts_with("audit: job update refused"));
    CHECK(marathon.instances() == 1);
  }
  SUBCASE("a body skylrd rejects: 400 is an error") {
    testing::TempDir dir;
    std::ofstream(dir.path("web.json")) << R"({"instances":"3"})";
    Outcome bad = push_job(
        {"web", "--file", dir.path("web.json"), "--skylrd", skylrd.url(), "--token", testing::kToken});
    CHECK(bad.code == kExitError);
    CHECK(bad.err.starts_with("skylrd answered HTTP 400: instances: expected "));
  }
  SUBCASE("skylrd down, or skylrd's Marathon down: unreachable") {
    Outcome down =
        push_job({"web", "--instances", "3", "--skylrd", testing::dead_url(), "--token", testing::kToken});
    CHECK(down.code == kExitUnreachable);
    CHECK(down.err.starts_with("cannot push through skylrd: http://127.0.0.1:"));
    testing::FakeSkylrd orphan(testing::dead_url());
    Outcome no_marathon =
        push_job({"web", "--instances", "3", "--skylrd", orphan.url(), "--token", testing::kToken});
    CHECK(no_marathon.code == kExitUnreachable);
    CHECK(no_marathon.err.starts_with("skylrd could not push to Marathon: no Marathon answered: "));
  }
}

TEST_CASE("skylr::run_push_job --wait") {
  SUBCASE("to completion, a line per step when not on a terminal") {
    Marathon marathon(200);
    Outcome done =
        push_job({"web", "--instances", "3", "--wait", "--timeout", "20", "--marathon", marathon.url()});
    CHECK(done.code == kExitDone);
    CHECK(contains(done.out, ": step 1 of 1 ("));
    CHECK(contains(done.out, " finished after "));
    CHECK(std::count(done.out.begin(), done.out.end(), '\n') == 3);
    CHECK(done.out.find('\r') == std::string::npos);
    CHECK(done.err.empty());
    auto client = marathon.sim.client();
    CHECK(sim::testing::get_json(client, "/v2/deployments").Empty());
  }
  SUBCASE("--json: how the deployment ended, the progress on stderr") {
    Marathon marathon(200);
    Outcome done = push_job(
        {"web", "--instances", "3", "--wait", "--timeout", "20", "--marathon", marathon.url(), "--json"});
    CHECK(done.code == kExitDone);
    CHECK(testing::json_member(done.out, "wait") == "finished");
    CHECK(contains(done.err, " finished after "));
  }
  SUBCASE("through skylrd, followed at Marathon; rewritten in place on a terminal") {
    Marathon marathon(50);
    testing::FakeSkylrd skylrd(marathon.url());
    Outcome done = push_job({"web", "--instances", "2", "--wait", "--timeout", "20", "--skylrd", skylrd.url(),
                             "--token", testing::kToken, "--marathon", marathon.url()},
                            true);
    CHECK(done.code == kExitDone);
    CHECK(contains(done.out, "\r"));
    CHECK(contains(done.out, ": step 1 of 1 ("));
    CHECK(contains(done.out, "\x1b[K\r\x1b[Kdeployment "));  // the progress line is cleared for the last one
    CHECK(contains(done.out, " finished after "));
  }
  SUBCASE("replaced by a forced push while followed: an error, not success") {
    Marathon marathon(3000);
    Outcome first;
    std::thread follower([&] {
      first = push_job({"web", "--instances", "3", "--wait", "--timeout", "20", "--marathon", marathon.url()});
    });
    auto client = marathon.sim.client();
    for (int i = 0; i < 500 && sim::testing::get_json(client, "/v2/deployments").Empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    Outcome forced = push_job({"web", "--instances", "4", "--force", "--marathon", marathon.url()});
    follower.join();
    CHECK(forced.code == kExitDone);
    CHECK(first.code == kExitError);
    CHECK(contains(first.err, ", but /web is at version "));
    CHECK(contains(first.err, ": another update replaced it\n"));
    CHECK_FALSE(contains(first.out, " finished after "));
  }
  SUBCASE("timed out: Marathon goes on with the deployment") {
    Marathon marathon(60000);
    Outcome late =
        push_job({"web", "--instances", "2", "--wait", "--timeout", "0.2", "--marathon", marathon.url()});
    CHECK(late.code == kExitTimedOut);
    CHECK(contains(late.err, " still running after 0.2s; Marathon goes on with it\n"));
    auto client = marathon.sim.client();
    CHECK(sim::testing::get_json(client, "/v2/deployments").Size() == 1);
  }
}

TEST_CASE("skylr::run_push_job bad usage") {
  struct Case {
    std::vector<std::string> args;
    const char* error;
  };
  const Case cases[] = {
      {{"web", "--instances", "2"},
       "give --marathon URL to push to Marathon, or --skylrd URL to push through skylrd\n"},
      {{"web", "--marathon", "http://m:8080"},
       "nothing to push: give --instances, --cpus, --mem or --file\n"},
      {{"web", "--instances", "-1", "--marathon", "http://m:8080"},
       "--instances must be 0 or more, got -1\n"},
      {{"web", "--cpus", "0", "--marathon", "http://m:8080"}, "--cpus must be above 0, got 0\n"},
      {{"web", "--mem", "-5", "--marathon", "http://m:8080"}, "--mem must be above 0, got -5\n"},
      {{"web", "--mem", "5", "--timeout", "0", "--marathon", "http://m:8080"},
       "--timeout must be above 0, got 0\n"},
      {{"web", "--mem", "5", "--timeout", "inf", "--marathon", "http://m:8080"},
       "--timeout must be at most 604800 (a week), got inf\n"},
      {{"web app", "--mem", "5", "--marathon", "http://m:8080"},
       "APP_ID \"web app\": use letters, digits, '.', '_', '-' and '/'\n"},
      {{"/", "--mem", "5", "--marathon", "http://m:8080"},
       "APP_ID \"/\": use letters, digits, '.', '_', '-' and '/'\n"},
      {{"web", "--mem", "5", "--skylrd", "http://s:3030"}, "--skylrd needs --token or SKYLR_TOKEN\n"},
      {{"web", "--mem", "5", "--skylrd", "http://s:3030", "--token", "t", "--wait"},
       "--wait through skylrd needs --marathon URL too: deployments are followed at Marathon\n"},
      {{"web", "--mem", "5", "--marathon", "ftp://m"}, "--marathon ftp://m: scheme must be http or https\n"},
      {{"web", "--mem", "5", "--marathon", "http://m:8080", "--marathon-user", "u"},
       "--marathon-user and --marathon-password go together\n"},
      {{"web", "--mem", "5", "--marathon", "http://m:8080", "--marathon-credentials", "user"},
       "--marathon-credentials (or SKYLR_MARATHON_CREDENTIALS): expected USER:PASSWORD\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.error);
    Outcome outcome = push_job(c.args);
    CHECK(outcome.code == kExitBadUsage);
    CHECK(outcome.err == c.error);
    CHECK(outcome.out.empty());
  }
  SUBCASE("the command line itself") {
    CHECK(push_job({"--instances", "2"}).code == kExitBadUsage);           // no APP_ID
    CHECK(push_job({"web", "--instances", "two"}).code == kExitBadUsage);  // not a number
    CHECK(push_job({"web", "--replicas", "2"}).code == kExitBadUsage);     // unknown option
  }
}

}  // namespace skylr
