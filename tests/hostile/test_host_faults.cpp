// Faults on the host under a real skylrd managing a real HAProxy: the config directory
// turns read-only or fills up (a tmpfs remounted read-only, which stops root too, or
// filled to the last block), the haproxy binary or the users file disappears before a
// change that needs `haproxy -c` (a new option), HAProxy is killed from outside. Each time: a clear reason in /health, the live
// config byte for byte the last good one with no temporary file left beside it, HAProxy
// still serving, and recovery once the fault is gone.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>

#include "hostile_support.h"

namespace skylr::hostile {
namespace {

namespace fs = std::filesystem;

// The names of the files in `dir`.
std::set<std::string> files_in(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    names.insert(entry.path().filename().string());
  return names;
}

std::string server_of(const testing::TestServer& task) {
  return fmt::format("127.0.0.1:{}", task.port());
}

// skylrd in sync with one task, a second task Marathon will add during the fault, and
// the live config of the first sync.
struct Scene {
  std::unique_ptr<testing::TestServer> first = backend();
  std::unique_ptr<testing::TestServer> second = backend();
  FakeMarathon marathon;
  std::unique_ptr<Skylrd> skylrd;
  std::string good;
  std::string served = "backend";  // what a GET through HAProxy gets

  explicit Scene(const SkylrdSetup& setup) {
    marathon.set_tasks({first->port()});
    skylrd = std::make_unique<Skylrd>(marathon, setup);
    REQUIRE(skylrd->await_health(200, R"("status":"ok")", 15s));
    good = skylrd->live_config();
    REQUIRE(good.find(server_of(*first)) != std::string::npos);
  }

  // Marathon now has a second task (and, with `option_changed`, skylrd's config a new
  // option, which needs a checked reload); skylrd must fail to apply it with `reason` and
  // keep serving the good config untouched, with nothing left beside it.
  void expect_fault(const std::string& reason, bool option_changed = false) {
    std::set<std::string> before = files_in(fs::path(skylrd->destination()).parent_path());
    marathon.set_tasks({first->port(), second->port()});
    if (option_changed) skylrd->change_option();
    CHECK(skylrd->await_health(503, reason, 20s));
    CHECK(skylrd->live_config() == good);
    CHECK(files_in(fs::path(skylrd->destination()).parent_path()) == before);
    CHECK(testing::http_get(skylrd->service_port()) == served);
  }

  // Once the fault is gone, the next sync applies the second task.
  void expect_recovery() {
    CHECK(skylrd->await_health(200, R"("status":"ok")", 20s));
    CHECK(skylrd->live_config().find(server_of(*second)) != std::string::npos);
  }
};

// True when tmpfs mounts are possible; else says why the test checks nothing.
bool can_mount() {
  if (!has_private_mounts()) MESSAGE("not checked: no private mount namespace (needs root)");
  return has_private_mounts();
}

// A directory for a SmallFileSystem, inside a TempDir.
struct MountPoint {
  testing::TempDir dir;
  std::string path = dir.path("conf");
  MountPoint() { fs::create_directory(path); }
};

}  // namespace

TEST_CASE("host faults: the config directory turns read-only, even for root") {
  if (!can_mount()) return;
  MountPoint mount;
  SmallFileSystem tmpfs(mount.path, 1024);
  Scene scene(SkylrdSetup{.config_dir = mount.path});
  tmpfs.set_read_only(true);
  scene.expect_fault("Read-only file system");
  tmpfs.set_read_only(false);
  scene.expect_recovery();
}

TEST_CASE("host faults: the config directory's disk is full") {
  if (!can_mount()) return;
  MountPoint mount;
  SmallFileSystem tmpfs(mount.path, 256);
  Scene scene(SkylrdSetup{.config_dir = mount.path});
  tmpfs.fill();
  scene.expect_fault("No space left on device");
  tmpfs.unfill();
  scene.expect_recovery();
}

TEST_CASE("host faults: the haproxy binary disappears") {
  testing::TempDir bin;
  std::string binary = bin.path("haproxy");
  fs::create_symlink(SKYLR_HAPROXY, binary);
  Scene scene(SkylrdSetup{.haproxy_binary = binary});
  fs::remove(binary);
  scene.expect_fault(fmt::format("haproxy binary not found: {}", binary), true);
  fs::create_symlink(SKYLR_HAPROXY, binary);
  scene.expect_recovery();
}

TEST_CASE("host faults: the users file disappears") {
  Scene scene(SkylrdSetup{.users_file = true});
  scene.served = "failed: status 401";  // HAProxy asks for the credentials of the users file
  std::string users = fs::path(scene.skylrd->destination()).parent_path() / "users.cfg";
  std::string content = [&] {
    std::ifstream in(users);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  fs::remove(users);
  scene.expect_fault("users.cfg", true);
  std::ofstream(users) << content;
  scene.expect_recovery();
}

TEST_CASE("host faults: HAProxy killed from outside is started again by the next sync") {
  Scene scene(SkylrdSetup{});
  pid_t killed = testing::read_pid_file(scene.skylrd->pid_file());
  REQUIRE(killed > 0);
  REQUIRE(::kill(-killed, SIGKILL) == 0);  // the master and its workers: their own process group
  REQUIRE(testing::wait_until(
      [&] { return testing::http_get(scene.skylrd->service_port()) != "backend"; }, 5s));
  bool restarted = testing::wait_until(
      [&] {
        scene.skylrd->trigger_sync();
        return testing::http_get(scene.skylrd->service_port()) == "backend";
      },
      15s);
  CHECK_MESSAGE(restarted, scene.skylrd->log());
  pid_t now = testing::read_pid_file(scene.skylrd->pid_file());
  CHECK(now > 0);
  CHECK(now != killed);
  CHECK(scene.skylrd->live_config() == scene.good);
  CHECK(scene.skylrd->health().status == 200);
}

}  // namespace skylr::hostile
