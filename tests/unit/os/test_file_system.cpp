#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include <doctest/doctest.h>

#include "fake_file_system.h"
#include "skylr/file_system.h"

namespace skylr {
namespace {

// A fresh directory under /tmp, removed with everything in it at scope exit.
struct TempDir {
  std::string path;
  TempDir() {
    std::string pattern = "/tmp/skylr-test-XXXXXX";
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string operator/(std::string_view name) const { return path + "/" + std::string(name); }
  std::size_t entries() const {
    auto range = std::filesystem::directory_iterator(path);
    return static_cast<std::size_t>(std::distance(begin(range), end(range)));
  }
};

// Limits the size of files this process may write, for the scope's lifetime.
struct FileSizeLimit {
  rlimit saved{};
  explicit FileSizeLimit(rlim_t bytes) {
    std::signal(SIGXFSZ, SIG_IGN);
    ::getrlimit(RLIMIT_FSIZE, &saved);
    rlimit limit = saved;
    limit.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() { ::setrlimit(RLIMIT_FSIZE, &saved); }
};

}  // namespace

TEST_CASE("skylr::default_file_system") {
  FileSystem& fs = default_file_system();
  TempDir dir;

  SUBCASE("read_file of a missing file names it") {
    auto content = fs.read_file(dir / "missing");
    REQUIRE_FALSE(content.ok());
    CHECK(content.error().message == "cannot read " + (dir / "missing") + ": No such file or directory");
  }
  SUBCASE("write_temp_beside writes a hidden file with mode 0644 beside the destination") {
    auto temp = fs.write_temp_beside(dir / "haproxy.cfg", "global\n", FileAccess::kShared);
    REQUIRE(temp.ok());
    CHECK(temp->starts_with(dir / ".haproxy.cfg."));
    CHECK(temp->size() == (dir / ".haproxy.cfg.XXXXXX").size());
    CHECK(*fs.read_file(*temp) == "global\n");
    struct stat info;
    REQUIRE(::stat(temp->c_str(), &info) == 0);
    CHECK((info.st_mode & 07777) == 0644);
  }
  SUBCASE("write_temp_beside for its owner only: mode 0600, never wider") {
    auto temp = fs.write_temp_beside(dir / "key.pem", "secret\n", FileAccess::kOwner);
    REQUIRE(temp.ok());
    struct stat info;
    REQUIRE(::stat(temp->c_str(), &info) == 0);
    CHECK((info.st_mode & 07777) == 0600);
  }
  SUBCASE("list_directory gives the regular files, sorted, links followed") {
    REQUIRE(write_file_atomically(fs, dir / "b.pem", "b").ok());
    REQUIRE(write_file_atomically(fs, dir / "a.pem", "a").ok());
    REQUIRE(fs.make_directory(dir / "sub").ok());
    std::filesystem::create_symlink(dir / "a.pem", dir / "c.pem");
    std::filesystem::create_symlink(dir / "missing", dir / "dangling");
    auto names = fs.list_directory(dir.path);
    REQUIRE(names.ok());
    CHECK(*names == std::vector<std::string>{"a.pem", "b.pem", "c.pem"});
    auto missing = fs.list_directory(dir / "none");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == "cannot list " + (dir / "none") + ": No such file or directory");
  }
  SUBCASE("make_directory: mode 0700, an existing directory is fine, a file in the way is not") {
    REQUIRE(fs.make_directory(dir / "store").ok());
    REQUIRE(fs.make_directory(dir / "store").ok());
    struct stat info;
    REQUIRE(::stat((dir / "store").c_str(), &info) == 0);
    CHECK((info.st_mode & 07777) == 0700);
    REQUIRE(write_file_atomically(fs, dir / "file", "x").ok());
    auto in_the_way = fs.make_directory(dir / "file");
    REQUIRE_FALSE(in_the_way.ok());
    CHECK(in_the_way.error().message == "cannot create directory " + (dir / "file") + ": File exists");
  }
  SUBCASE("write_temp_beside in a missing directory") {
    auto temp = fs.write_temp_beside(dir / "no/haproxy.cfg", "x", FileAccess::kShared);
    REQUIRE_FALSE(temp.ok());
    CHECK(temp.error().message ==
          "cannot create a temporary file in " + (dir / "no") + ": No such file or directory");
  }
  SUBCASE("a failed write leaves nothing behind") {
    FileSizeLimit limit(4096);
    auto temp = fs.write_temp_beside(dir / "big", std::string(10000, 'x'), FileAccess::kShared);
    REQUIRE_FALSE(temp.ok());
    CHECK(temp.error().message.starts_with("cannot write " + (dir / ".big.")));
    CHECK(temp.error().message.ends_with(": File too large"));
    CHECK(dir.entries() == 0);
  }
  SUBCASE("a read-only directory") {
    if (::geteuid() == 0) return;  // root writes anyway
    ::chmod(dir.path.c_str(), 0555);
    auto temp = fs.write_temp_beside(dir / "f", "x", FileAccess::kShared);
    ::chmod(dir.path.c_str(), 0755);
    REQUIRE_FALSE(temp.ok());
    CHECK(temp.error().message ==
          "cannot create a temporary file in " + dir.path + ": Permission denied");
  }
  SUBCASE("rename replaces the destination") {
    fs.write_temp_beside(dir / "f", "old", FileAccess::kShared).ok();
    auto temp = fs.write_temp_beside(dir / "f", "new", FileAccess::kShared);
    REQUIRE(temp.ok());
    REQUIRE(fs.rename(*temp, dir / "f").ok());
    CHECK(*fs.read_file(dir / "f") == "new");
    CHECK_FALSE(fs.exists(*temp));
  }
  SUBCASE("rename of a missing file") {
    auto renamed = fs.rename(dir / "a", dir / "b");
    REQUIRE_FALSE(renamed.ok());
    CHECK(renamed.error().message ==
          "cannot rename " + (dir / "a") + " to " + (dir / "b") + ": No such file or directory");
  }
  SUBCASE("remove and exists") {
    REQUIRE(write_file_atomically(fs, dir / "f", "x").ok());
    CHECK(fs.exists(dir / "f"));
    CHECK(fs.remove(dir / "f").ok());
    CHECK_FALSE(fs.exists(dir / "f"));
    CHECK(fs.remove(dir / "f").ok());
  }
}

TEST_CASE("skylr::write_file_atomically") {
  SUBCASE("on disk: replaces the file and leaves no temporary file") {
    TempDir dir;
    REQUIRE(write_file_atomically(default_file_system(), dir / "haproxy.cfg", "one").ok());
    REQUIRE(write_file_atomically(default_file_system(), dir / "haproxy.cfg", "two").ok());
    CHECK(*default_file_system().read_file(dir / "haproxy.cfg") == "two");
    CHECK(dir.entries() == 1);
  }
  testing::FakeFileSystem fs;
  fs.put("/etc/haproxy/haproxy.cfg", "old");
  const std::map<std::string, std::string> old_only{{"/etc/haproxy/haproxy.cfg", "old"}};
  struct Fault {
    std::atomic<bool>* fault_switch;
    std::string error;
  };
  const Fault faults[] = {
      {&fs.fail_write, "cannot write /etc/haproxy/.haproxy.cfg.tmp1: No space left on device"},
      {&fs.fail_rename, "cannot rename /etc/haproxy/.haproxy.cfg.tmp1 to "
                        "/etc/haproxy/haproxy.cfg: Input/output error"},
      {&fs.read_only, "cannot create a temporary file in /etc/haproxy: Read-only file system"},
  };
  for (const Fault& fault : faults) {
    SUBCASE(fault.error.c_str()) {
      *fault.fault_switch = true;
      Status written = write_file_atomically(fs, "/etc/haproxy/haproxy.cfg", "new");
      REQUIRE_FALSE(written.ok());
      CHECK(written.error().message == fault.error);
      CHECK(fs.files() == old_only);  // the old file stays, no temporary file is left
    }
  }
  SUBCASE("success") {
    REQUIRE(write_file_atomically(fs, "/etc/haproxy/haproxy.cfg", "new").ok());
    CHECK(fs.files() == std::map<std::string, std::string>{{"/etc/haproxy/haproxy.cfg", "new"}});
    CHECK(fs.renames == 1);
  }
}

TEST_CASE("skylr::write_output_file") {
  SUBCASE("a FIFO is written into, not replaced by a regular file") {
    TempDir dir;
    std::string fifo = dir / "out";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(default_file_system().is_special_file(fifo));
    CHECK(default_file_system().is_special_file("/dev/null"));
    CHECK_FALSE(default_file_system().is_special_file(dir.path));
    std::string read;
    std::thread reader([&] { read = *default_file_system().read_file(fifo); });
    REQUIRE(write_output_file(default_file_system(), fifo, "config\n").ok());
    reader.join();
    CHECK(read == "config\n");
    struct stat info;
    REQUIRE(::stat(fifo.c_str(), &info) == 0);
    CHECK(S_ISFIFO(info.st_mode));
  }
  SUBCASE("a regular or missing file is written atomically") {
    testing::FakeFileSystem fs;
    fs.put("/tmp/out.cfg", "old");
    REQUIRE(write_output_file(fs, "/tmp/out.cfg", "new").ok());
    CHECK(*fs.get("/tmp/out.cfg") == "new");
    CHECK(fs.renames == 1);
  }
}

}  // namespace skylr
