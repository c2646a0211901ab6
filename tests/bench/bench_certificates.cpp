// bench_certificates: TLS certificates at scale, 1,000 certificate files (100 distinct EC
// certificates, each under 10 names). Measured: the certificate store's look at the
// directory (skylrd's, on every full sync) when every file is new (each checked and
// copied), when nothing changed (the steady state) and when one file was rotated; `haproxy
// -c` of a shared HTTPS frontend loading all of them (time and peak RSS); the running
// HAProxy's RSS; and the rotation itself: `set ssl cert` + `commit ssl cert` of one
// certificate through the Runtime API, and the addition of a new one (`new ssl cert`, those,
// `add ssl crt-list`), which must not grow with the other 999.
#include <filesystem>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "processes.h"
#include "proc_table.h"
#include "report.h"
#include "scratch.h"
#include "skylr/control_socket.h"
#include "skylr/file_system.h"
#include "test_certificates.h"
#include "tls/certificate_store.h"

namespace skylr::bench {

using testing::BackgroundProcess;
using testing::TempDir;
namespace {

constexpr int kDistinct = 100;
constexpr int kNamesEach = 10;
constexpr int kFiles = kDistinct * kNamesEach;
constexpr int kRuns = 5;

// The file name of copy `k` of certificate `i`.
std::string file_name(int i, int k) { return fmt::format("site-{}-{}.pem", i, k); }

// A TLS section over `dir`'s certs/ directory and store.
TlsConfig tls_in(const TempDir& dir) {
  TlsConfig tls;
  tls.enabled = true;
  tls.certificates = dir.path("certs");
  tls.default_certificate = file_name(0, 0);
  tls.store = dir.path("store");
  tls.crt_list = tls.store + ".list";
  return tls;
}

// Writes kFiles certificate files; returns the PEM of each distinct certificate.
std::vector<std::string> write_certificates(const TempDir& dir, testing::TestCertificateAuthority& authority) {
  std::filesystem::create_directory(dir.path("certs"));
  std::vector<std::string> pems;
  for (int i = 0; i < kDistinct; ++i) {
    pems.push_back(authority.server_certificate({fmt::format("site{}.bench.test", i)}).pem());
    for (int k = 0; k < kNamesEach; ++k) testing::write_file(dir.path("certs/" + file_name(i, k)), pems.back());
  }
  return pems;
}

// Milliseconds of one look of `store`; throws when it fails.
double timed_refresh(tls::CertificateStore& store, tls::StoreChange* change = nullptr) {
  Clock::time_point start = Clock::now();
  Result<tls::StoreChange> looked = store.refresh(std::chrono::system_clock::now());
  double ms = elapsed_ms(start);
  if (!looked) throw std::runtime_error("the store's look failed: " + looked.error().message);
  if (change != nullptr) *change = std::move(*looked);
  return ms;
}

// An HAProxy configuration with one shared HTTPS frontend over `tls`'s crt-list.
std::string https_config(const TlsConfig& tls, const std::string& admin_socket, int port) {
  return fmt::format(
      "global\n    stats socket {} mode 600 level admin\n    tune.ssl.default-dh-param 2048\n"
      "defaults\n    mode http\n    timeout connect 1s\n    timeout client 5s\n    timeout server 5s\n"
      "frontend https\n    bind 127.0.0.1:{} ssl crt-list {} alpn h2,http/1.1\n"
      "    http-request return status 200 content-type text/plain string ok\n",
      admin_socket, port, tls.crt_list);
}

// Milliseconds `commands` take on the admin socket `admin`; throws when HAProxy refuses one.
double timed_commands(ControlSocket& socket, const std::string& admin, const std::vector<std::string>& commands) {
  Clock::time_point start = Clock::now();
  for (const std::string& command : commands) {
    Result<std::string> answer = socket.command(admin, command);
    bool done = answer && (answer->find("Transaction") != std::string::npos || answer->find("Success!") != std::string::npos ||
                           answer->find("New empty certificate store") != std::string::npos);
    if (!done) throw std::runtime_error(fmt::format("HAProxy refused `{}`: {}", command.substr(0, command.find('\n')),
                                                    answer ? *answer : answer.error().message));
  }
  return elapsed_ms(start);
}

int run() {
  TempDir dir;
  testing::TestCertificateAuthority authority(dir.path("ca"));
  std::vector<std::string> pems = write_certificates(dir, authority);
  TlsConfig tls = tls_in(dir);

  std::vector<double> first;
  for (int run = 0; run < kRuns; ++run) {
    std::filesystem::remove_all(tls.store);
    tls::CertificateStore fresh(tls, default_file_system());
    first.push_back(timed_refresh(fresh));
  }
  tls::CertificateStore store(tls, default_file_system());
  timed_refresh(store);
  std::vector<double> unchanged;
  for (int run = 0; run < kRuns; ++run) unchanged.push_back(timed_refresh(store));
  print_row({"certificates 1,000 files: first look (each checked and copied), median", format_ms(median(first)), "",
             std::nullopt});
  print_row({"certificates 1,000 files: look with nothing changed (every full sync), median", format_ms(median(unchanged)),
             "< 100 ms", median(unchanged) < 100});

  std::string admin = dir.path("admin.sock");
  int port = testing::free_port();
  testing::write_file(dir.path("haproxy.cfg"), https_config(tls, admin, port));
  testing::Finished check = testing::run_to_end({testing::haproxy_path(), "-c", "-q", "-f", dir.path("haproxy.cfg")},
                                                dir.path("check.out"));
  if (check.exit_code != 0) throw std::runtime_error("haproxy -c refused the HTTPS configuration");
  print_row({"certificates 1,000 files: haproxy -c time / peak RSS",
             fmt::format("{} / {}", format_ms(check.wall_ms), format_mb(static_cast<double>(check.peak_rss_kb) * 1024)),
             "", std::nullopt});

  BackgroundProcess haproxy({testing::haproxy_path(), "-db", "-f", dir.path("haproxy.cfg")}, dir.path("haproxy.out"),
                            dir.path("haproxy.err"));
  std::unique_ptr<ControlSocket> socket = unix_control_socket(std::chrono::seconds(10));
  for (int i = 0; i < 100 && !socket->command(admin, "show info"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  print_row({"certificates 1,000 files: running HAProxy RSS", format_mb(testing::process_rss_bytes(haproxy.pid())), "",
             std::nullopt});

  std::vector<double> rotate_look;
  std::vector<double> rotate_runtime;
  std::vector<double> add_runtime;
  for (int run = 0; run < kRuns; ++run) {
    std::string file = file_name(run + 1, 0);
    testing::write_file(dir.path("certs/" + file), authority.server_certificate({fmt::format("site{}.bench.test", run + 1)}).pem());
    tls::StoreChange change;
    rotate_look.push_back(timed_refresh(store, &change));
    if (change.updated != std::vector<std::string>{file}) throw std::runtime_error("the rotated file was not updated");
    rotate_runtime.push_back(timed_commands(*socket, admin, tls::certificate_commands(store.copy_path(file), *store.served_content(file))));

    std::string added = fmt::format("added-{}.pem", run);
    testing::write_file(dir.path("certs/" + added), pems[static_cast<std::size_t>(run)]);
    timed_refresh(store);
    add_runtime.push_back(timed_commands(
        *socket, admin, tls::added_certificate_commands(tls.crt_list, store.copy_path(added), *store.served_content(added))));
  }
  print_row({"certificates 1,000 files: look with one rotated, median", format_ms(median(rotate_look)), "", std::nullopt});
  print_row({"certificates 1,000 files: one rotated through the Runtime API (set + commit ssl cert), median",
             format_ms(median(rotate_runtime)), "< 100 ms", median(rotate_runtime) < 100});
  print_row({"certificates 1,000 files: one added through the Runtime API (new, set, commit, add ssl crt-list), median",
             format_ms(median(add_runtime)), "< 100 ms", median(add_runtime) < 100});
  return 0;
}

}  // namespace
}  // namespace skylr::bench

int main() { return skylr::bench::run_benchmark("bench_certificates", skylr::bench::run); }
