// CertificateStore on this host's file system: the operator's directory and the store beside
// it in a scratch directory, certificates made by the test authority; the faults a disk can
// have over FakeFileSystem.
#include "tls/certificate_store.h"

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "fake_file_system.h"
#include "scratch.h"
#include "test_certificates.h"

namespace skylr::tls {
namespace {

using std::chrono::system_clock;
using testing::TestCertificateAuthority;
using Names = std::vector<std::string>;

constexpr const char* kExpiredReason = "expired on 2021-01-01 00:00:00 UTC";

// The content of `path` on this host; "(none)" when it cannot be read.
std::string content_of(const std::string& path) {
  Result<std::string> content = default_file_system().read_file(path);
  return content ? *content : "(none)";
}

// The file `path` on this host (REQUIREs that it exists).
struct stat stat_of(const std::string& path) {
  struct stat info {};
  REQUIRE_MESSAGE(::stat(path.c_str(), &info) == 0, path);
  return info;
}

// What `refresh` changed, failing the test when it fails.
StoreChange refreshed(CertificateStore& store) {
  Result<StoreChange> change = store.refresh(system_clock::now());
  REQUIRE_MESSAGE(change.ok(), change.error().message);
  return *change;
}

// `change` in one line: "updated [a.pem] added [] removed [] refused [b.pem: no certificate]".
std::string summary(const StoreChange& change) {
  return fmt::format("updated [{}] added [{}] removed [{}] refused [{}]", fmt::join(change.updated, ", "),
                     fmt::join(change.added, ", "), fmt::join(change.removed, ", "), fmt::join(change.refused, ", "));
}

// The summary of a change that names no file.
constexpr const char* kNothing = "updated [] added [] removed [] refused []";

// Each status of `store` in one line: "<file> serves <subject>[, refused: <reason>]", or
// "<file> serves nothing, refused: <reason>".
Names status_lines(const CertificateStore& store) {
  Names lines;
  for (const CertificateStatus& status : store.statuses()) {
    std::string line = fmt::format("{} serves {}", status.file, status.served ? status.served->subject : "nothing");
    if (!status.refused.empty()) line += ", refused: " + status.refused;
    lines.push_back(std::move(line));
  }
  return lines;
}

// The certificate files default.pem, api.pem and shop.pem (subjects CN=default.test,
// CN=api.test, CN=shop.test), valid now, for the `tls` section of a scratch directory.
struct Fixture {
  testing::TempDir dir;
  TestCertificateAuthority ca{dir.path("ca")};
  std::map<std::string, std::string> pems;  // by file name
  TlsConfig tls;
  CertificateStore store{tls, default_file_system()};

  Fixture() : tls(tls_section(dir)) {
    std::filesystem::create_directory(tls.certificates);
    for (const char* name : {"default", "api", "shop"}) {
      std::string file = fmt::format("{}.pem", name);
      pems[file] = ca.server_certificate({fmt::format("{}.test", name)}).pem();
      put(file, pems[file]);
    }
  }

  static TlsConfig tls_section(const testing::TempDir& dir) {
    TlsConfig tls;
    tls.enabled = true;
    tls.certificates = dir.path("certificates");
    tls.default_certificate = "default.pem";
    tls.store = dir.path("store");
    tls.crt_list = tls.store + ".list";
    return tls;
  }

  // Writes `pem` as `file` of the operator's directory.
  void put(const std::string& file, const std::string& pem) {
    REQUIRE(write_file_atomically(default_file_system(), tls.certificates + "/" + file, pem).ok());
  }

  // Deletes `file` from the operator's directory.
  void remove(const std::string& file) { REQUIRE(std::filesystem::remove(tls.certificates + "/" + file)); }

  // The crt-list listing the copies of `files`, in that order.
  std::string list_of(const Names& files) const {
    std::string list;
    for (const std::string& file : files) list += fmt::format("{}/{}\n", tls.store, file);
    return list;
  }
};

// The `tls` section of a store over FakeFileSystem: the operator's directory
// /etc/skylr/certificates, the store /etc/skylr/store.
TlsConfig fake_tls_section() {
  TlsConfig tls;
  tls.enabled = true;
  tls.certificates = "/etc/skylr/certificates";
  tls.default_certificate = "default.pem";
  tls.store = "/etc/skylr/store";
  tls.crt_list = "/etc/skylr/store.list";
  return tls;
}

}  // namespace

TEST_CASE("skylr::tls::CertificateStore") {
  Fixture f;

  SUBCASE("the first refresh copies every good file, for its owner only, the default first in the crt-list") {
    StoreChange change = refreshed(f.store);
    CHECK(summary(change) == "updated [] added [api.pem, default.pem, shop.pem] removed [] refused []");
    for (const auto& [file, pem] : f.pems) {
      CAPTURE(file);
      std::string copy = f.store.copy_path(file);
      CHECK(copy == f.tls.store + "/" + file);
      CHECK(content_of(copy) == pem);
      CHECK((stat_of(copy).st_mode & 07777) == 0600);
      REQUIRE(f.store.served_content(file) != nullptr);
      CHECK(*f.store.served_content(file) == pem);
    }
    CHECK((stat_of(f.tls.store).st_mode & 07777) == 0700);
    CHECK(content_of(f.tls.crt_list) == f.list_of({"default.pem", "api.pem", "shop.pem"}));
    CHECK(status_lines(f.store) ==
          Names{"api.pem serves CN=api.test", "default.pem serves CN=default.test", "shop.pem serves CN=shop.test"});
  }
  SUBCASE("an unchanged directory changes nothing and writes nothing") {
    refreshed(f.store);
    ino_t list = stat_of(f.tls.crt_list).st_ino;
    ino_t copy = stat_of(f.store.copy_path("shop.pem")).st_ino;
    CHECK(summary(refreshed(f.store)) == kNothing);
    CHECK(stat_of(f.tls.crt_list).st_ino == list);
    CHECK(stat_of(f.store.copy_path("shop.pem")).st_ino == copy);
  }
  SUBCASE("a rotated file: updated, its copy holds the new certificate, the crt-list stays") {
    refreshed(f.store);
    ino_t list = stat_of(f.tls.crt_list).st_ino;
    std::string rotated = f.ca.server_certificate({"shop.test"}).pem();
    f.put("shop.pem", rotated);
    StoreChange change = refreshed(f.store);
    CHECK(summary(change) == "updated [shop.pem] added [] removed [] refused []");
    CHECK(content_of(f.store.copy_path("shop.pem")) == rotated);
    CHECK((stat_of(f.store.copy_path("shop.pem")).st_mode & 07777) == 0600);
    REQUIRE(f.store.served_content("shop.pem") != nullptr);
    CHECK(*f.store.served_content("shop.pem") == rotated);
    CHECK(stat_of(f.tls.crt_list).st_ino == list);
  }
  SUBCASE("a bad file is refused once with its reason; the copy served stays") {
    const struct {
      std::string pem;
      std::string reason;
    } cases[] = {
        {f.ca.certificate_between({"shop.test"}, "20200101000000Z", "20210101000000Z").pem(), kExpiredReason},
        {f.ca.mismatched_certificate({"shop.test"}).pem(), "the private key does not match the certificate"},
        {"not a certificate\n", "no certificate"},
    };
    refreshed(f.store);
    for (const auto& c : cases) {
      CAPTURE(c.reason);
      f.put("shop.pem", c.pem);
      CHECK(summary(refreshed(f.store)) == "updated [] added [] removed [] refused [shop.pem: " + c.reason + "]");
      CHECK(summary(refreshed(f.store)) == kNothing);
      REQUIRE(f.store.served_content("shop.pem") != nullptr);
      CHECK(*f.store.served_content("shop.pem") == f.pems["shop.pem"]);
      CHECK(content_of(f.store.copy_path("shop.pem")) == f.pems["shop.pem"]);
      CHECK(status_lines(f.store).back() == "shop.pem serves CN=shop.test, refused: " + c.reason);
    }
    f.put("shop.pem", f.pems["shop.pem"]);
    CHECK(summary(refreshed(f.store)) == kNothing);
    CHECK(status_lines(f.store).back() == "shop.pem serves CN=shop.test");
  }
  SUBCASE("an empty file is refused like any other that holds no certificate, never added") {
    refreshed(f.store);
    f.put("empty.pem", "");
    CHECK(summary(refreshed(f.store)) == "updated [] added [] removed [] refused [empty.pem: no certificate]");
    CHECK(summary(refreshed(f.store)) == kNothing);
    CHECK(f.store.served_content("empty.pem") == nullptr);
    CHECK_FALSE(std::filesystem::exists(f.store.copy_path("empty.pem")));
    CHECK(content_of(f.tls.crt_list) == f.list_of({"default.pem", "api.pem", "shop.pem"}));
  }
  SUBCASE("a new file is added to the crt-list") {
    refreshed(f.store);
    std::string www = f.ca.server_certificate({"www.test"}).pem();
    f.put("www.pem", www);
    CHECK(summary(refreshed(f.store)) == "updated [] added [www.pem] removed [] refused []");
    CHECK(content_of(f.store.copy_path("www.pem")) == www);
    CHECK(content_of(f.tls.crt_list) == f.list_of({"default.pem", "api.pem", "shop.pem", "www.pem"}));
  }
  SUBCASE("a removed file leaves the crt-list and its copy is deleted") {
    refreshed(f.store);
    f.remove("api.pem");
    StoreChange change = refreshed(f.store);
    CHECK(summary(change) == "updated [] added [] removed [api.pem] refused []");
    CHECK_FALSE(std::filesystem::exists(f.store.copy_path("api.pem")));
    CHECK(f.store.served_content("api.pem") == nullptr);
    CHECK(content_of(f.tls.crt_list) == f.list_of({"default.pem", "shop.pem"}));
    CHECK(status_lines(f.store) == Names{"default.pem serves CN=default.test", "shop.pem serves CN=shop.test"});
  }
  SUBCASE("the default certificate removed: its copy stays served, first in the crt-list") {
    refreshed(f.store);
    f.remove("default.pem");
    StoreChange change = refreshed(f.store);
    CHECK(summary(change) ==
          "updated [] added [] removed [] refused [default.pem: the file left tls.certificates; its last good copy "
          "is served]");
    CHECK(content_of(f.store.copy_path("default.pem")) == f.pems["default.pem"]);
    CHECK(content_of(f.tls.crt_list) == f.list_of({"default.pem", "api.pem", "shop.pem"}));
    CHECK(status_lines(f.store).at(1) ==
          "default.pem serves CN=default.test, refused: the file left tls.certificates; its last good copy is served");
    CHECK(summary(refreshed(f.store)) == kNothing);
  }
  SUBCASE("without a good default certificate the first refresh fails and writes no crt-list") {
    const struct {
      std::optional<std::string> pem;  // nullopt: no such file
      std::string reason;
    } cases[] = {
        {std::nullopt, fmt::format("no such file in {}", f.tls.certificates)},
        {f.ca.certificate_between({"default.test"}, "20200101000000Z", "20210101000000Z").pem(), kExpiredReason},
        {"", "no certificate"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.reason);
      std::filesystem::remove(f.tls.certificates + "/default.pem");
      if (c.pem) f.put("default.pem", *c.pem);
      CertificateStore store(f.tls, default_file_system());
      Result<StoreChange> change = store.refresh(system_clock::now());
      REQUIRE_FALSE(change.ok());
      CHECK(change.error().message ==
            fmt::format("tls.default_certificate default.pem: {}; nothing changes on HTTPS until it is fixed",
                        c.reason));
      CHECK_FALSE(std::filesystem::exists(f.tls.crt_list));
    }
  }
  SUBCASE("a name a crt-list cannot hold is refused; hidden files are passed over") {
    f.put("my shop.pem", f.pems["shop.pem"]);
    f.put(".hidden.pem", f.pems["shop.pem"]);
    CHECK(summary(refreshed(f.store)) == "updated [] added [api.pem, default.pem, shop.pem] removed [] refused [my shop.pem: its "
                             "name has characters a crt-list cannot hold (use letters, digits, '.', '_' and '-')]");
    CHECK_FALSE(std::filesystem::exists(f.store.copy_path("my shop.pem")));
    CHECK_FALSE(std::filesystem::exists(f.store.copy_path(".hidden.pem")));
    CHECK(status_lines(f.store) ==
          Names{"api.pem serves CN=api.test", "default.pem serves CN=default.test",
                "my shop.pem serves nothing, refused: its name has characters a crt-list cannot hold (use letters, "
                "digits, '.', '_' and '-')",
                "shop.pem serves CN=shop.test"});
    CHECK(summary(refreshed(f.store)) == kNothing);
  }
  SUBCASE("a store an earlier run left is taken over: nothing added again, nothing written") {
    refreshed(f.store);
    ino_t list = stat_of(f.tls.crt_list).st_ino;
    ino_t copy = stat_of(f.store.copy_path("default.pem")).st_ino;
    CertificateStore next(f.tls, default_file_system());
    CHECK(summary(refreshed(next)) == kNothing);
    CHECK(stat_of(f.tls.crt_list).st_ino == list);
    CHECK(stat_of(f.store.copy_path("default.pem")).st_ino == copy);
    CHECK(status_lines(next) == status_lines(f.store));
  }
  SUBCASE("an earlier run's copy its crt-list did not list yet is added") {
    refreshed(f.store);
    REQUIRE(write_file_atomically(default_file_system(), f.tls.crt_list, f.list_of({"default.pem", "api.pem"})).ok());
    CertificateStore next(f.tls, default_file_system());
    CHECK(summary(refreshed(next)) == "updated [] added [shop.pem] removed [] refused []");
    CHECK(content_of(f.tls.crt_list) == f.list_of({"default.pem", "api.pem", "shop.pem"}));
  }
  SUBCASE("a directory that cannot be listed: the refresh fails naming it") {
    TlsConfig tls = f.tls;
    tls.certificates = f.dir.path("missing");
    CertificateStore store(tls, default_file_system());
    Result<StoreChange> change = store.refresh(system_clock::now());
    REQUIRE_FALSE(change.ok());
    CHECK(change.error().message ==
          fmt::format("tls.certificates: cannot list {}: No such file or directory", tls.certificates));
    CHECK_FALSE(std::filesystem::exists(f.tls.crt_list));
  }
  SUBCASE("a copy that cannot be written: the file is refused with the error, what is served stays") {
    testing::FakeFileSystem fs;
    TlsConfig tls = fake_tls_section();
    for (const auto& [file, pem] : f.pems) fs.put(tls.certificates + "/" + file, pem);
    CertificateStore store(tls, fs);
    refreshed(store);  // 3 copies and the crt-list: .tmp1 to .tmp4
    CHECK(fs.is_private("/etc/skylr/store/shop.pem"));
    std::string rotated = f.ca.server_certificate({"shop.test"}).pem();
    fs.put("/etc/skylr/certificates/shop.pem", rotated);
    fs.fail_write = true;
    CHECK(summary(refreshed(store)) ==
          "updated [] added [] removed [] refused [shop.pem: cannot write /etc/skylr/store/.shop.pem.tmp5: No space "
          "left on device]");
    CHECK(fs.get("/etc/skylr/store/shop.pem") == f.pems["shop.pem"]);
    REQUIRE(store.served_content("shop.pem") != nullptr);
    CHECK(*store.served_content("shop.pem") == f.pems["shop.pem"]);
    fs.fail_write = false;
    CHECK(summary(refreshed(store)) == "updated [shop.pem] added [] removed [] refused []");
    CHECK(fs.get("/etc/skylr/store/shop.pem") == rotated);
    CHECK(status_lines(store).back() == "shop.pem serves CN=shop.test");
  }
  SUBCASE("a crt-list that cannot be written: the refresh fails, every copy it names stays, the next one reports all") {
    testing::FakeFileSystem fs;
    TlsConfig tls = fake_tls_section();
    for (const auto& [file, pem] : f.pems) fs.put(tls.certificates + "/" + file, pem);
    CertificateStore store(tls, fs);
    refreshed(store);
    std::string list = "/etc/skylr/store/default.pem\n/etc/skylr/store/api.pem\n/etc/skylr/store/shop.pem\n";
    REQUIRE(fs.get(tls.crt_list) == list);
    std::string rotated = f.ca.server_certificate({"shop.test"}).pem();
    fs.put("/etc/skylr/certificates/shop.pem", rotated);
    fs.put("/etc/skylr/certificates/www.pem", f.ca.server_certificate({"www.test"}).pem());
    fs.put("/etc/skylr/certificates/bad.pem", "not a certificate\n");
    REQUIRE(fs.remove("/etc/skylr/certificates/api.pem").ok());
    fs.read_only_directories.insert("/etc/skylr");
    Result<StoreChange> failed = store.refresh(system_clock::now());
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message == "cannot create a temporary file in /etc/skylr: Read-only file system");
    CHECK(fs.get(tls.crt_list) == list);
    CHECK(fs.get("/etc/skylr/store/api.pem") == f.pems["api.pem"]);
    fs.read_only_directories.clear();
    CHECK(summary(refreshed(store)) ==
          "updated [shop.pem] added [www.pem] removed [api.pem] refused [bad.pem: no certificate]");
    CHECK(fs.get(tls.crt_list) ==
          "/etc/skylr/store/default.pem\n/etc/skylr/store/shop.pem\n/etc/skylr/store/www.pem\n");
    CHECK_FALSE(fs.get("/etc/skylr/store/api.pem").has_value());
    CHECK(summary(refreshed(store)) == kNothing);
  }
}

TEST_CASE("skylr::tls::certificate_commands") {
  SUBCASE("the PEM as the payload of `set ssl cert`, then `commit ssl cert`") {
    CHECK(certificate_commands("/s/a.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n") ==
          Names{"set ssl cert /s/a.pem <<\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                "commit ssl cert /s/a.pem"});
  }
  SUBCASE("blank lines, which would end the payload, and carriage returns are left out") {
    const struct {
      const char* pem;
      const char* payload;
    } cases[] = {
        {"A\r\nB\r\n", "A\nB\n"},
        {"A\n\nB\n", "A\nB\n"},
        {"A\r\n\r\n \t\r\nB", "A\nB\n"},
        {"\n\nA\n\n", "A\n"},
        {" A\n", " A\n"},
        {"", ""},
    };
    for (const auto& c : cases) {
      CAPTURE(c.pem);
      CHECK(certificate_commands("/s/a.pem", c.pem) ==
            Names{std::string("set ssl cert /s/a.pem <<\n") + c.payload, "commit ssl cert /s/a.pem"});
    }
  }
}

}  // namespace skylr::tls
