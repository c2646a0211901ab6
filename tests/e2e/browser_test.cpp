// The status page in a real browser: Debian's headless chromium loads skylrd's GET / while
// skylrd follows marathon-sim and manages a real HAProxy; the DOM (--dump-dom) must show the
// service and the tasks' servers in their slots, the page's script must have refreshed it,
// and after a scale the page shows the new task. A screenshot of the page as a phone shows
// it is saved under the build directory. Exits 77 (ctest: skipped) when chromium is not
// installed; scripts/setup-deps installs it.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "e2e_stack.h"

namespace skylr::e2e {
namespace {

// chromium's path in PATH, or "" when it is not installed.
std::string find_chromium() {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::string candidate = dir + "/chromium";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// Headless chromium on `url` with `extra` options and a throwaway profile in `dir` (as
// root it needs --no-sandbox); REQUIREs that it exits 0 within 60 s. Its stdout.
std::string run_chromium(const testing::TempDir& dir, const std::string& name, const std::string& url,
                         const std::vector<std::string>& extra) {
  std::vector<std::string> argv = {find_chromium(),
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--no-first-run",
                                   "--disable-extensions",
                                   "--disable-dev-shm-usage",
                                   "--user-data-dir=" + dir.path(name + "-profile")};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back(url);
  testing::ChildProcess chromium(argv, dir.path(name + ".out"), dir.path(name + ".err"));
  bool exited = testing::wait_until([&] { return !chromium.running(); }, 60s);
  REQUIRE_MESSAGE(exited, "chromium did not finish within 60 s; its messages:\n", chromium.error_output());
  REQUIRE_MESSAGE(chromium.stop(SIGKILL, 1s) == 0, "chromium failed:\n", chromium.error_output());
  return read_text(dir.path(name + ".out"));
}

// The DOM of `url` once the page's script had 5 s (virtual time) to refresh it.
std::string dump_dom(const testing::TempDir& dir, const std::string& name, const std::string& url) {
  return run_chromium(dir, name, url, {"--dump-dom", "--virtual-time-budget=5000"});
}

// How many times the page's script swapped in a fresh view (<body data-refreshes="N">).
int refreshes(const std::string& dom) {
  std::smatch match;
  if (!std::regex_search(dom, match, std::regex(R"re(data-refreshes="(\d+)")re"))) return -1;
  return std::stoi(match[1].str());
}

// The task ids the DOM lists as live servers of web, with their slots: "slot-1 web.xyz".
std::set<std::string> live_rows(const std::string& dom) {
  std::set<std::string> rows;
  const std::regex kRow(
      R"(<tr class="live"><td>(slot-\d+)</td><td>127\.0\.0\.1:\d+</td><td>([^<]+)</td><td>live</td></tr>)");
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), kRow); it != std::sregex_iterator(); ++it) {
    rows.insert(fmt::format("{} {}", (*it)[1].str(), (*it)[2].str()));
  }
  return rows;
}

std::set<std::string> task_ids(const std::set<std::string>& rows) {
  std::set<std::string> ids;
  for (const std::string& row : rows) ids.insert(row.substr(row.find(' ') + 1));
  return ids;
}

}  // namespace

TEST_CASE("skylrd status page in headless chromium: services, servers, refresh, a scale, a screenshot") {
  Stack stack(2);
  INFO("skylrd log:\n", stack.skylrd.log());
  REQUIRE(stack.in_sync());
  testing::TempDir browser;
  std::string url = fmt::format("http://127.0.0.1:{}/", stack.skylrd.port());

  std::string first = dump_dom(browser, "first", url);
  INFO("first DOM:\n", first);
  CHECK(first.find("<h2>Health: ok</h2>") != std::string::npos);
  CHECK(first.find(R"(<article class="service" data-service="web"><h3>web <small>app /web)") != std::string::npos);
  std::set<std::string> rows = live_rows(first);
  CHECK(rows.size() == 2);
  CHECK(task_ids(rows) == stack.sim.running_tasks());
  CHECK(refreshes(first) >= 1);  // the script fetched /?view=main and swapped it in
  CHECK(first.find("sync: start-up sync") != std::string::npos);

  stack.sim.scale(3);
  REQUIRE(stack.await_traffic(3, 10s) == "");
  std::string second = dump_dom(browser, "second", url);
  INFO("second DOM:\n", second);
  CHECK(task_ids(live_rows(second)) == stack.sim.running_tasks());
  CHECK(live_rows(second).size() == 3);
  CHECK(refreshes(second) >= 1);

  std::filesystem::create_directories(SKYLR_BROWSER_ARTIFACTS);
  std::string screenshot = std::string(SKYLR_BROWSER_ARTIFACTS) + "/status-page.png";
  std::filesystem::remove(screenshot);
  run_chromium(
      browser, "screenshot", url,
      {"--screenshot=" + screenshot, "--window-size=412,1400", "--hide-scrollbars", "--virtual-time-budget=3000"});
  std::string png = read_text(screenshot);
  REQUIRE(png.size() > 2000);
  CHECK(png.starts_with("\x89PNG\r\n\x1a\n"));
  std::printf("status page screenshot: %s\n", screenshot.c_str());
}

}  // namespace skylr::e2e

int main(int argc, char** argv) {
  if (skylr::e2e::find_chromium().empty()) {
    std::printf("SKIP: chromium is not installed (scripts/setup-deps installs it: apt-get install chromium)\n");
    return 77;
  }
  doctest::Context context(argc, argv);
  return context.run();
}
