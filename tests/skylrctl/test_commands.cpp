#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cmd_render.h"
#include "cmd_validate.h"
#include "exit_codes.h"
#include "test_certificates.h"

namespace skylr {
namespace {

namespace fs = std::filesystem;

const fs::path kGolden = fs::path(SKYLR_TEST_DATA_DIR) / "golden";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A fresh directory under the system's temporary directory, removed at scope exit.
class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("skylrctl-test-" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return (path_ / name).string();
  }

 private:
  fs::path path_;
};

// Parses `args` (without the program name) with a fresh app holding both subcommands.
struct Parsed {
  CLI::App app{"skylrctl"};
  std::shared_ptr<RenderOptions> render = setup_render(app);
  std::shared_ptr<ValidateOptions> validate = setup_validate(app);
  explicit Parsed(std::vector<std::string> args) {
    std::reverse(args.begin(), args.end());  // CLI11 takes the arguments in reverse order
    app.parse(args);
  }
};

}  // namespace

TEST_CASE("skylr::setup_render") {
  SUBCASE("all options") {
    Parsed parsed({"render", "--config", "skylr.json", "--apps", "apps.json", "-o", "out.cfg"});
    CHECK(parsed.app.got_subcommand("render"));
    CHECK(parsed.render->config_path == "skylr.json");
    CHECK(parsed.render->apps_path == "apps.json");
    CHECK(parsed.render->output_path == "out.cfg");
  }
  SUBCASE("output defaults to stdout") {
    Parsed parsed({"render", "--apps", "a.json", "--config", "c.json"});
    CHECK(parsed.render->output_path.empty());
  }
  SUBCASE("--config and --apps are required") {
    CHECK_THROWS_AS(Parsed({"render", "--config", "c.json"}), CLI::RequiredError);
    CHECK_THROWS_AS(Parsed({"render", "--apps", "a.json"}), CLI::RequiredError);
  }
  SUBCASE("unknown options are refused") {
    CHECK_THROWS_AS(Parsed({"render", "--config", "c", "--apps", "a", "--force"}),
                    CLI::ExtrasError);
  }
}

TEST_CASE("skylr::setup_validate") {
  Parsed parsed({"validate", "--config", "skylr.json"});
  CHECK(parsed.app.got_subcommand("validate"));
  CHECK(parsed.validate->config_path == "skylr.json");
  CHECK_FALSE(parsed.validate->json);
  CHECK_THROWS_AS(Parsed({"validate"}), CLI::RequiredError);
  SUBCASE("-c for --config, and --json") {
    Parsed short_form({"validate", "-c", "other.json", "--json"});
    CHECK(short_form.validate->config_path == "other.json");
    CHECK(short_form.validate->json);
  }
  SUBCASE("render takes -c too") {
    Parsed render({"render", "-c", "c.json", "--apps", "a.json"});
    CHECK(render.render->config_path == "c.json");
  }
}

TEST_CASE("skylr::run_validate") {
  std::ostringstream out;
  std::ostringstream err;
  SUBCASE("a valid file") {
    std::string path = (kGolden / "original-format" / "config.json").string();
    CHECK(run_validate({path}, out, err) == kExitDone);
    CHECK(out.str() == path + ": ok\n");
    CHECK(err.str().empty());
  }
  SUBCASE("every problem, each naming the file") {
    TempDir dir;
    std::string path = dir.write("bad.json", R"({"services": {"web": {"port": "80"}}})");
    CHECK(run_validate({path}, out, err) == kExitError);
    CHECK(out.str().empty());
    CHECK(err.str() == path + ": marathon_hosts: required key is missing\n" + path +
                           ": services.web.port: expected an integer 1-65535, got \"80\"\n" + path +
                           ": config_destination: required key is missing\n");
  }
  SUBCASE("a missing file") {
    CHECK(run_validate({"/nonexistent/skylr.json"}, out, err) == kExitError);
    CHECK(err.str() == "cannot read /nonexistent/skylr.json: No such file or directory\n");
  }
  SUBCASE("its tokens file, as skylrd reads it") {
    TempDir dir;
    std::string tokens = dir.write("tokens", "ci:short\n");
    std::string path = dir.write("skylr.json", R"({"marathon_hosts": ["m:8080"], "services": {},
        "config_destination": "/tmp/h.cfg", "job_updates": {"tokens_file": ")" + tokens + R"("}})");
    CHECK(run_validate({path}, out, err) == kExitError);
    CHECK(err.str() == path + ": job_updates.tokens_file: " + tokens +
                           ": line 1: secret of \"ci\": must be at least 16 characters long\n");
  }
  SUBCASE("--json: one object on stdout, the problems in its messages and on stderr") {
    TempDir dir;
    std::string path = dir.write("bad.json", R"({"marathon_hosts": ["m:8080"], "services": {}})");
    CHECK(run_validate({path, true}, out, err) == kExitError);
    CHECK(out.str() == R"({"command":"validate","ok":false,"exit_code":1,"config":")" + path +
                           R"(","messages":[")" + path + R"(: config_destination: required key is missing"]})" +
                           "\n");
    CHECK(err.str() == path + ": config_destination: required key is missing\n");
  }
  SUBCASE("the tls section's certificates, each checked as skylrd does before HAProxy gets it") {
    TempDir dir;
    fs::create_directories(dir.path() / "certs");
    testing::TestCertificateAuthority authority((dir.path() / "ca").string());
    std::ofstream(dir.path() / "certs" / "default.pem") << authority.server_certificate({"a.test", "www.a.test"}).pem();
    std::string path = dir.write("skylr.json", R"({"marathon_hosts": ["m:8080"], "services": {},
        "config_destination": "/tmp/h.cfg", "tls": {"certificates": ")" + (dir.path() / "certs").string() +
                                                   R"(", "default_certificate": "default.pem"}})");
    CHECK(run_validate({path}, out, err) == kExitDone);
    CHECK(out.str().starts_with(path + ": ok\ncertificate default.pem: ok, CN=a.test (a.test, www.a.test) until 20"));
    CHECK(err.str().empty());

    std::ofstream(dir.path() / "certs" / "old.pem") << authority.expired_certificate({"old.test"}).pem();
    std::ostringstream refused;
    CHECK(run_validate({path}, out, refused) == kExitError);
    CHECK(refused.str().starts_with("certificate old.pem: refused: expired on "));
    fs::remove(dir.path() / "certs" / "default.pem");
    std::ostringstream no_default;
    CHECK(run_validate({path}, out, no_default) == kExitError);
    CHECK(no_default.str().ends_with("tls.default_certificate default.pem: no such file in " +
                                     (dir.path() / "certs").string() + "\n"));
  }
  SUBCASE("--json of a valid file") {
    std::string path = (kGolden / "original-format" / "config.json").string();
    CHECK(run_validate({path, true}, out, err) == kExitDone);
    CHECK(out.str() == R"({"command":"validate","ok":true,"exit_code":0,"config":")" + path +
                           R"(","messages":[]})" + "\n");
    CHECK(err.str() == path + ": ok\n");
  }
}

TEST_CASE("skylr::run_render") {
  std::ostringstream out;
  std::ostringstream err;
  const fs::path golden = kGolden / "no-tasks-and-missing-app";
  RenderOptions options{(golden / "config.json").string(), (golden / "apps.json").string(), "", ""};
  SUBCASE("to stdout, with what was left out on stderr") {
    CHECK(run_render(options, out, err) == kExitDone);
    CHECK(out.str() == read_text(golden / "expected.cfg"));
    CHECK(
        err.str() ==
        "warning: service missing: Marathon has no app /missing; its backends are empty\n"
        "warning: service tcp-missing: Marathon has no app /tcp-missing; its backends are empty\n");
  }
  SUBCASE("problems of tasks") {
    const fs::path hostile = kGolden / "hostile-input";
    RenderOptions hostile_options{(hostile / "config.json").string(),
                                  (hostile / "apps.json").string(), "", ""};
    CHECK(run_render(hostile_options, out, err) == kExitDone);
    CHECK(err.str().starts_with("warning: task left out: app /overlay: task "));
  }
  SUBCASE("to a file") {
    TempDir dir;
    options.output_path = (dir.path() / "haproxy.cfg").string();
    CHECK(run_render(options, out, err) == kExitDone);
    CHECK(out.str().empty());
    CHECK(read_text(options.output_path) == read_text(golden / "expected.cfg"));
    CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
  }
  SUBCASE("to a FIFO: written into, not replaced by a regular file (as /dev/null must not be)") {
    TempDir dir;
    options.output_path = (dir.path() / "pipe").string();
    REQUIRE(::mkfifo(options.output_path.c_str(), 0600) == 0);
    std::string received;
    std::thread reader([&] { received = read_text(options.output_path); });
    int code = run_render(options, out, err);
    reader.join();
    CHECK(code == kExitDone);
    CHECK(fs::is_fifo(options.output_path));
    CHECK(received == read_text(golden / "expected.cfg"));
  }
  SUBCASE("a directory that does not exist") {
    options.output_path = "/nonexistent/haproxy.cfg";
    CHECK(run_render(options, out, err) == kExitError);
    CHECK(err.str().ends_with(
        "cannot write /nonexistent/haproxy.cfg: cannot create a temporary file in /nonexistent: "
        "No such file or directory\n"));
  }
  SUBCASE("a bad apps file") {
    TempDir dir;
    options.apps_path =
        dir.write("apps.json", R"({"apps": [{"id": "/web", "tasks": [{"host": "h"}]}]})");
    CHECK(run_render(options, out, err) == kExitError);
    CHECK(err.str() == options.apps_path + ": apps[0].tasks[0].id: required key is missing\n");
    CHECK(out.str().empty());
  }
}

}  // namespace skylr
