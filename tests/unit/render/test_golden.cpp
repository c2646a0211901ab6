// Golden files: tests/data/golden/<case>/{config.json, apps.json} go through the real
// parsers, build_published_model (build_model with label discovery) and
// render_haproxy_config; the result must match expected.cfg, expected-problems.txt and,
// with discovery on, expected-routes.map byte for byte. SKYLR_UPDATE_GOLDEN=1 rewrites the expected files
// instead (review their diff before committing). Each expected.cfg is also checked by
// `haproxy -c` (ctest label "haproxy").
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "skylr/config.h"
#include "skylr/discovery.h"
#include "skylr/marathon.h"
#include "skylr/model.h"
#include "skylr/render.h"

namespace skylr {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read ", path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  REQUIRE_MESSAGE(out.good(), "cannot write ", path.string());
}

std::vector<fs::path> golden_cases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(fs::path(SKYLR_TEST_DATA_DIR) / "golden")) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::string problem_lines(const Model& model) {
  std::string text;
  for (const auto& problem : model.problems) text += problem.message + "\n";
  return text;
}

// True when every line of `text` is blank, a comment, a section header or an indented
// directive: no value from Marathon started a line of its own.
bool lines_well_formed(const std::string& text) {
  static const std::string kSections[] = {"global",  "defaults", "frontend ", "backend ",
                                          "listen ", "userlist ", "# "};
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    bool ok = line.empty() || (line.starts_with("    ") && line[4] != ' ') ||
              std::any_of(std::begin(kSections), std::end(kSections),
                          [&](const std::string& section) { return line.starts_with(section); });
    if (!ok) return false;
  }
  return true;
}

bool updating() {
  const char* update = std::getenv("SKYLR_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

}  // namespace

TEST_CASE("skylr::render_haproxy_config golden files") {
  auto cases = golden_cases();
  REQUIRE(cases.size() >= 10);
  for (const fs::path& dir : cases) {
    INFO("golden case ", dir.filename().string());
    auto config = parse_config(read_text(dir / "config.json"));
    REQUIRE_MESSAGE(config.ok(), config.error().message);
    auto apps = parse_apps(read_text(dir / "apps.json"));
    REQUIRE_MESSAGE(apps.ok(), apps.error().message);
    Config served;
    Model model = build_published_model(*config, *apps, served);
    if (!config->discovery.enabled) CHECK(model == build_model(*config, *apps));
    std::string rendered = render_haproxy_config(config->discovery.enabled ? served : *config, model);
    std::string problems = problem_lines(model);
    std::string routes = config->discovery.enabled ? render_routes_map(served) : "";
    if (updating()) {
      write_text(dir / "expected.cfg", rendered);
      write_text(dir / "expected-problems.txt", problems);
      if (config->discovery.enabled) write_text(dir / "expected-routes.map", routes);
      continue;
    }
    CHECK(lines_well_formed(rendered));
    CHECK(rendered == read_text(dir / "expected.cfg"));
    CHECK(problems == read_text(dir / "expected-problems.txt"));
    if (config->discovery.enabled) CHECK(routes == read_text(dir / "expected-routes.map"));
  }
}

TEST_CASE("skylr::render_haproxy_config hostile golden case") {
  const fs::path dir = fs::path(SKYLR_TEST_DATA_DIR) / "golden" / "hostile-input";
  std::string expected = read_text(dir / "expected.cfg");
  for (const char* injected :
       {"evil", "pwn", "6.6.6.6", "acl x", "10.30.0.2", "10.30.0.7", "192.168.70.1"}) {
    CAPTURE(injected);
    CHECK(expected.find(injected) == std::string::npos);
  }
  std::string problems = read_text(dir / "expected-problems.txt");
  CHECK(std::count(problems.begin(), problems.end(), '\n') == 8);
}

}  // namespace skylr
