// CertificateSync over fakes: the certificate files in a FakeFileSystem, an applier over a
// fake HAProxy and process runner, and a RuntimeUpdater whose admin socket answers as
// HAProxy 2.6 does to the certificate commands (`new`, `set`, `commit`, `del ssl cert`,
// `add` and `del ssl crt-list`).
#include "sync/certificate_sync.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "fake_clock.h"
#include "fake_control_socket.h"
#include "fake_file_system.h"
#include "fake_haproxy_control.h"
#include "fake_process_runner.h"
#include "scratch.h"
#include "test_certificates.h"

namespace skylr::sync {
namespace {

using Names = std::vector<std::string>;

constexpr const char* kDestination = "/etc/haproxy/haproxy.cfg";
constexpr const char* kCertificates = "/etc/skylr/certificates";
constexpr const char* kShopCopy = "/etc/skylr/store/shop.pem";
const Names kCheck = {"/usr/sbin/haproxy", "-c", "-f", kDestination};

Config tls_config(const std::string& certificates = kCertificates) {
  Config config;
  config.config_destination = kDestination;
  config.reload.admin_socket = "/run/haproxy/admin.sock";
  config.tls.enabled = true;
  config.tls.certificates = certificates;
  config.tls.default_certificate = "default.pem";
  config.tls.store = "/etc/skylr/store";
  config.tls.crt_list = "/etc/skylr/store.list";
  return config;
}

// What a sync that reloaded HAProxy reports.
ApplyOutcome reloaded() {
  ApplyOutcome outcome;
  outcome.status = ApplyStatus::kApplied;
  outcome.method = ApplyMethod::kReload;
  outcome.reload_reason = ReloadReason::kConfigChanged;
  return outcome;
}

// True when `report` names no file and no error.
bool nothing_in(const CertificateReport& report) {
  return report.updated.empty() && report.added.empty() && report.removed.empty() && report.refused.empty() &&
         !report.error;
}

// default.pem and shop.pem in kCertificates, and a live HAProxy configuration.
struct Fixture {
  testing::TempDir dir;
  testing::TestCertificateAuthority ca{dir.path("ca")};
  Config config = tls_config();
  testing::FakeFileSystem fs;
  testing::FakeProcessRunner runner;
  testing::FakeHaproxyControl haproxy;
  testing::FakeClock clock;
  testing::FakeControlSocket socket;
  apply::ConfigApplier applier{apply::apply_settings(config), fs, runner, haproxy, clock};
  haproxy::RuntimeUpdater runtime{socket, [](const std::string&) { return std::nullopt; }};
  CertificateSync certificates{fs, applier, runtime, clock};

  Fixture() {
    fs.put(kDestination, "live config");
    put("default.pem", certificate("default.test"));
    put("shop.pem", certificate("shop.test"));
  }

  // A certificate and key for `name`, valid at the fake clock's wall time (late 2019).
  std::string certificate(const std::string& name) {
    return ca.certificate_between({name}, "20190101000000Z", "20300101000000Z").pem();
  }

  // Writes `pem` as `file` of the operator's directory.
  void put(const std::string& file, const std::string& pem) { fs.put(fmt::format("{}/{}", kCertificates, file), pem); }

  // The first refresh, loaded by the sync's own reload (as at skylrd's start).
  void start() {
    CertificateReport report = certificates.refresh(config);
    REQUIRE(report.added == Names{"default.pem", "shop.pem"});
    certificates.make_live(config, reloaded(), report);
  }

  // A refresh made live after a sync whose apply went as `outcome` says.
  CertificateReport sync(const ApplyOutcome& outcome = {}) {
    CertificateReport report = certificates.refresh(config);
    certificates.make_live(config, outcome, report);
    return report;
  }
};

}  // namespace

TEST_CASE("skylr::sync::CertificateSync") {
  Fixture f;
  std::string rotated = f.certificate("shop.test");
  std::string set_shop = fmt::format("set ssl cert {} <<\n{}", kShopCopy, rotated);
  std::string commit_shop = fmt::format("commit ssl cert {}", kShopCopy);

  SUBCASE("without a tls section: an empty report, no statuses, nothing written or sent") {
    Config plain = f.config;
    plain.tls = TlsConfig{};
    CertificateReport report = f.certificates.refresh(plain);
    CHECK(nothing_in(report));
    f.certificates.make_live(plain, ApplyOutcome{}, report);
    CHECK(report.apply.status == ApplyStatus::kUnchanged);
    CHECK(f.certificates.statuses().empty());
    CHECK(f.fs.files().size() == 3);
    CHECK(f.socket.commands().empty());
    CHECK(f.runner.runs().empty());
    CHECK(f.haproxy.reload_calls == 0);
  }
  SUBCASE("the tls section taken away: no statuses any more") {
    f.start();
    CHECK(f.certificates.statuses().size() == 2);
    Config plain = f.config;
    plain.tls = TlsConfig{};
    CHECK(nothing_in(f.certificates.refresh(plain)));
    CHECK(f.certificates.statuses().empty());
  }
  SUBCASE("a rotated certificate: `set ssl cert` and `commit ssl cert` on the admin socket, no reload") {
    f.start();
    f.put("shop.pem", rotated);
    f.socket.script(set_shop, std::string("Transaction created for certificate /etc/skylr/store/shop.pem!\n"));
    f.socket.script(commit_shop, std::string("Committing /etc/skylr/store/shop.pem\nSuccess!\n"));
    CertificateReport report = f.sync();
    CHECK(report.updated == Names{"shop.pem"});
    CHECK(report.apply.status == ApplyStatus::kApplied);
    CHECK(report.apply.method == ApplyMethod::kRuntime);
    CHECK(report.apply.runtime_commands == 2);
    CHECK(f.socket.commands() == Names{set_shop, commit_shop});
    CHECK(f.runner.runs().empty());
    CHECK(f.haproxy.reload_calls == 0);
    CHECK(f.haproxy.ensure_running_calls == 1);

    CertificateReport next = f.sync();
    CHECK(nothing_in(next));
    CHECK(next.apply.status == ApplyStatus::kUnchanged);
    CHECK(f.socket.commands().size() == 2);
  }
  SUBCASE("a certificate that comes or goes: loaded or dropped through the Runtime API, no reload") {
    f.start();
    std::string www = f.certificate("www.test");
    f.put("www.pem", www);
    const std::string copy = "/etc/skylr/store/www.pem";
    const Names add_www = {"new ssl cert " + copy, fmt::format("set ssl cert {} <<\n{}", copy, www),
                           "commit ssl cert " + copy, "add ssl crt-list /etc/skylr/store.list " + copy};
    f.socket.script(add_www[0], std::string("New empty certificate store '/etc/skylr/store/www.pem'!\n"));
    f.socket.script(add_www[1], std::string("Transaction created for certificate /etc/skylr/store/www.pem!\n"));
    f.socket.script(add_www[2], std::string("Committing /etc/skylr/store/www.pem\nSuccess!\n"));
    f.socket.script(add_www[3], std::string("Inserting certificate '/etc/skylr/store/www.pem' in crt-list "
                                            "'/etc/skylr/store.list'.\nSuccess!\n"));
    CertificateReport added = f.sync();
    CHECK(added.added == Names{"www.pem"});
    CHECK(added.apply.status == ApplyStatus::kApplied);
    CHECK(added.apply.method == ApplyMethod::kRuntime);
    CHECK(added.apply.runtime_commands == 4);
    CHECK(f.socket.commands() == add_www);
    CHECK(f.fs.get("/etc/skylr/store.list") ==
          "/etc/skylr/store/default.pem\n/etc/skylr/store/shop.pem\n/etc/skylr/store/www.pem\n");

    REQUIRE(f.fs.remove(fmt::format("{}/shop.pem", kCertificates)).ok());
    const Names drop_shop = {"del ssl crt-list /etc/skylr/store.list " + std::string(kShopCopy),
                             "del ssl cert " + std::string(kShopCopy)};
    f.socket.script(drop_shop[0], std::string("Entry '/etc/skylr/store/shop.pem' deleted in crtlist '/etc/skylr/store.list'!\n"));
    f.socket.script(drop_shop[1], std::string("Certificate '/etc/skylr/store/shop.pem' deleted!\n"));
    CertificateReport removed = f.sync();
    CHECK(removed.removed == Names{"shop.pem"});
    CHECK(removed.apply.method == ApplyMethod::kRuntime);
    CHECK(f.socket.commands().size() == 6);
    CHECK(f.runner.runs().empty());
    CHECK(f.haproxy.reload_calls == 0);
  }
  SUBCASE("a sync that reloaded loaded them already: nothing more is done") {
    f.start();
    f.put("shop.pem", rotated);
    f.put("www.pem", f.certificate("www.test"));
    CertificateReport report = f.sync(reloaded());
    CHECK(report.updated == Names{"shop.pem"});
    CHECK(report.added == Names{"www.pem"});
    CHECK(report.apply.status == ApplyStatus::kUnchanged);
    CHECK(report.apply.method == ApplyMethod::kNone);
    CHECK(f.sync().apply.status == ApplyStatus::kUnchanged);
    CHECK(f.socket.commands().empty());
    CHECK(f.runner.runs().empty());
    CHECK(f.haproxy.reload_calls == 0);
  }
  SUBCASE("a refused runtime update: a checked reload, its detail naming the refusal") {
    f.start();
    f.put("shop.pem", rotated);
    f.socket.script(set_shop, std::string("Can't replace a certificate which is not referenced by the configuration!\n"));
    CertificateReport report = f.sync();
    CHECK(report.apply.status == ApplyStatus::kApplied);
    CHECK(report.apply.method == ApplyMethod::kReload);
    CHECK(report.apply.reload_reason == ReloadReason::kCertificates);
    CHECK(report.apply.reload_detail ==
          "the certificates' runtime update failed: HAProxy refused `set ssl cert /etc/skylr/store/shop.pem <<`: "
          "Can't replace a certificate which is not referenced by the configuration!");
    CHECK(f.socket.commands() == Names{set_shop});
    CHECK(f.runner.runs() == std::vector<Names>{kCheck});
    CHECK(f.haproxy.reload_calls == 1);
  }
  SUBCASE("what a failed make_live left is made live by the next one") {
    f.start();
    f.put("www.pem", f.certificate("www.test"));
    f.haproxy.script_reload(Error{"no new worker"});
    f.haproxy.script_reload(haproxy::ControlWarnings{});
    CertificateReport failed = f.sync();
    CHECK(failed.apply.status == ApplyStatus::kFailed);
    CHECK(failed.apply.failed_stage == ApplyStage::kReload);
    CertificateReport next = f.sync();
    CHECK(nothing_in(next));
    CHECK(next.apply.status == ApplyStatus::kApplied);
    CHECK(next.apply.reload_reason == ReloadReason::kCertificates);
    CHECK(f.haproxy.reload_calls == 3);  // the failed one, the restore, the retry
    CHECK(f.sync().apply.status == ApplyStatus::kUnchanged);
  }
  SUBCASE("no default certificate: the report carries the store's error, and nothing is reloaded for it") {
    REQUIRE(f.fs.remove(fmt::format("{}/default.pem", kCertificates)).ok());
    CertificateReport report = f.sync();
    CHECK(report.error == "tls.default_certificate default.pem: no such file in /etc/skylr/certificates; nothing "
                          "changes on HTTPS until it is fixed");
    CHECK(report.added.empty());
    CHECK(report.apply.status == ApplyStatus::kUnchanged);
    CHECK(f.runner.runs().empty());
    CHECK(f.haproxy.reload_calls == 0);

    f.put("default.pem", f.certificate("default.test"));
    CertificateReport fixed = f.sync();
    CHECK(fixed.added == Names{"default.pem", "shop.pem"});
    CHECK(fixed.apply.reload_reason == ReloadReason::kCertificates);
    CHECK(f.haproxy.reload_calls == 1);
  }
  SUBCASE("another certificates directory: a new store, which takes over the copies it finds") {
    f.start();
    f.config = tls_config("/etc/skylr/other");
    f.fs.put("/etc/skylr/other/default.pem", f.certificate("other.test"));
    f.fs.put("/etc/skylr/other/www.pem", f.certificate("www.test"));
    CertificateReport report = f.sync();
    CHECK(report.updated == Names{"default.pem"});
    CHECK(report.added == Names{"www.pem"});
    CHECK(report.removed == Names{"shop.pem"});
    CHECK(report.apply.reload_reason == ReloadReason::kCertificates);
    CHECK(f.socket.commands().empty());
    std::vector<CertificateStatus> statuses = f.certificates.statuses();
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0].file == "default.pem");
    REQUIRE(statuses[0].served);
    CHECK(statuses[0].served->subject == "CN=other.test");
    CHECK(statuses[1].file == "www.pem");
  }
}

}  // namespace skylr::sync
