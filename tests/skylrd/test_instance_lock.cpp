#include "instance_lock.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>

#include "scratch.h"

namespace skylr {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("skylr::InstanceLock") {
  testing::TempDir dir;
  std::string destination = dir.path("haproxy.cfg");
  std::optional<Result<InstanceLock>> first{InstanceLock::acquire(destination)};
  REQUIRE(first->ok());

  SUBCASE("the lock file beside the destination holds the holder's pid") {
    CHECK(lock_file_path(destination) == destination + ".lock");
    CHECK(read_text(destination + ".lock") == fmt::format("{}\n", ::getpid()));
  }
  SUBCASE("a second holder is refused, naming the first's pid") {
    Result<InstanceLock> second = InstanceLock::acquire(destination);
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().message == fmt::format("another skylrd (pid {}) already manages {} (lock {}.lock)",
                                                ::getpid(), destination, destination));
  }
  SUBCASE("released with its holder; the file left behind does not block") {
    first.reset();
    CHECK(InstanceLock::acquire(destination).ok());
  }
  SUBCASE("a lock file that cannot be created is reported with the OS's reason") {
    Result<InstanceLock> missing = InstanceLock::acquire(dir.path("no-such-dir/haproxy.cfg"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == fmt::format("cannot open the lock file {}: No such file or directory",
                                                 dir.path("no-such-dir/haproxy.cfg.lock")));
  }
}

}  // namespace skylr
