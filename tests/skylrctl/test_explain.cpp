// skylrctl explain and render with label discovery, on the label-discovery golden case.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cmd_explain.h"
#include "cmd_render.h"
#include "exit_codes.h"
#include "scratch.h"

namespace skylr {
namespace {

namespace fs = std::filesystem;

const fs::path kCase = fs::path(SKYLR_TEST_DATA_DIR) / "golden" / "label-discovery";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ExplainOptions explain_options(const std::string& app_id, bool json = false) {
  return {app_id, (kCase / "config.json").string(), (kCase / "apps.json").string(), json};
}

}  // namespace

TEST_CASE("skylr::run_explain") {
  std::ostringstream out;
  std::ostringstream err;
  SUBCASE("a published port: the service, its labels") {
    CHECK(run_explain(explain_options("shop/api"), out, err) == kExitDone);
    CHECK(out.str() ==
          "app /shop/api\n"
          "  port 0: published as service /shop/api:0 (http, no port of its own, virtual hosts shop.example.com, "
          "paths /api /v2/api)\n"
          "    HAPROXY_0_BALANCE=leastconn\n"
          "    HAPROXY_0_PATH=/api /v2/api\n"
          "    HAPROXY_0_STICKY=true\n"
          "    HAPROXY_0_VHOST=shop.example.com\n"
          "    HAPROXY_GROUP=external\n");
    CHECK(err.str().empty());
  }
  SUBCASE("the HTTPS settings of a published port") {
    CHECK(run_explain(explain_options("/blog"), out, err) == kExitDone);
    CHECK(out.str().starts_with("app /blog\n  port 0: published as service /blog:0 (http, no port of its own, virtual "
                                "hosts *.blog.example.org, redirect to HTTPS)\n"));
  }
  SUBCASE("a refused label, named with why") {
    CHECK(run_explain(explain_options("/evil"), out, err) == kExitDone);
    CHECK(out.str().starts_with("app /evil\n  port 0: refused: label HAPROXY_0_FRONTEND_HEAD: raw HAProxy text is refused"));
    CHECK(out.str().find("  problem: app /evil port 0 is not published: label HAPROXY_0_FRONTEND_HEAD") !=
          std::string::npos);
  }
  SUBCASE("a conflict with another app, and a shadowed route") {
    CHECK(run_explain(explain_options("/dbcopy"), out, err) == kExitDone);
    CHECK(out.str().starts_with("app /dbcopy\n  port 0: refused: it conflicts with another service (see the problems)\n"));
    CHECK(out.str().ends_with("  problem: app /dbcopy port 0 is not published: port 15432 is already used (by another "
                              "service, skylrd, the stats page or a shared frontend)\n"));
    std::ostringstream shadow;
    CHECK(run_explain(explain_options("/shadow"), shadow, err) == kExitDone);
    CHECK(shadow.str().ends_with(
        "  problem: app /shadow port 0: the route shop.example.com/ goes to service /shop/web:0 (route weight 5 "
        "against 0)\n"));
  }
  SUBCASE("not in a group; an app an explicit service follows") {
    CHECK(run_explain(explain_options("/internal"), out, err) == kExitDone);
    CHECK(out.str().starts_with(
        "app /internal\n  port 0: not in a configured group: group \"internal\" is not one of discovery.groups\n"));
    std::ostringstream legacy;
    CHECK(run_explain(explain_options("/legacy"), legacy, err) == kExitDone);
    CHECK(legacy.str() == "app /legacy\n  published as configured in services; its labels are not read\n");
  }
  SUBCASE("--json") {
    CHECK(run_explain(explain_options("/disabled", true), out, err) == kExitDone);
    CHECK(out.str() ==
          R"({"app_id":"/disabled","note":"","ports":[{"index":0,"verdict":"disabled","reason":)"
          R"("HAPROXY_{n}_ENABLED is false","service":null,"labels":{"HAPROXY_0_ENABLED":"false",)"
          R"("HAPROXY_GROUP":"external"}}],"problems":[]})"
          "\n");
  }
  SUBCASE("an unknown app; discovery off") {
    CHECK(run_explain(explain_options("/nope"), out, err) == kExitError);
    CHECK(err.str() == "Marathon has no app /nope\n");
    ExplainOptions off = explain_options("/web");
    off.config_path = (fs::path(SKYLR_TEST_DATA_DIR) / "golden" / "original-format" / "config.json").string();
    std::ostringstream off_err;
    CHECK(run_explain(off, out, off_err) == kExitError);
    CHECK(off_err.str() == off.config_path + ": label discovery is off (no discovery section)\n");
  }
}

TEST_CASE("skylr::run_render with label discovery") {
  std::ostringstream out;
  std::ostringstream err;
  testing::TempDir dir;
  RenderOptions options{(kCase / "config.json").string(), (kCase / "apps.json").string(), "", dir.path("routes.map")};
  CHECK(run_render(options, out, err) == kExitDone);
  CHECK(out.str() == read_text(kCase / "expected.cfg"));
  CHECK(read_text(dir.path("routes.map")) == read_text(kCase / "expected-routes.map"));
  std::istringstream problems(read_text(kCase / "expected-problems.txt"));
  std::string warnings = "warning: service admin: Marathon has no app /admin; its backends are empty\n";
  for (std::string line; std::getline(problems, line);) warnings += "warning: " + line + "\n";
  CHECK(err.str() == warnings);
}

}  // namespace skylr
