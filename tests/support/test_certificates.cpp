// TestCertificateAuthority: `openssl req` makes each key and its request (the subjectAltName
// added to it), `openssl ca` signs the request with explicit start and end dates and a random
// serial (-rand_serial), copying the request's extensions. The process runner passes every
// argument as it is, with no shell in between; it sets no working directory, so every path is
// absolute.
#include "test_certificates.h"

#include <arpa/inet.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "skylr/file_system.h"
#include "skylr/process_runner.h"

namespace skylr::testing {
namespace {

constexpr auto kOpensslTimeout = std::chrono::seconds(60);

// `openssl ca`'s configuration for an authority in `dir`: its database and serial file there,
// any subject with a CN, the request's extensions (its subjectAltName) copied.
constexpr const char* kCaConfig = R"([ca]
default_ca = test_ca
[test_ca]
database = {0}/index.txt
serial = {0}/serial
new_certs_dir = {0}
certificate = {0}/ca.pem
private_key = {0}/ca.key
default_md = sha256
policy = any_subject
copy_extensions = copy
unique_subject = no
[any_subject]
commonName = supplied
)";

// Runs SKYLR_OPENSSL with `arguments`; throws with the command line and its output unless it exits 0.
void openssl(const std::vector<std::string>& arguments) {
  std::vector<std::string> argv{SKYLR_OPENSSL};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  auto outcome = default_process_runner().run(argv, kOpensslTimeout);
  if (outcome.ok() && outcome->exit_code == 0) return;
  throw std::runtime_error(fmt::format("{} failed: {}", fmt::join(argv, " "),
                                       outcome.ok() ? outcome->output : outcome.error().message));
}

// The content of `path`; throws when it cannot be read.
std::string read_text(const std::string& path) {
  auto text = default_file_system().read_file(path);
  if (!text.ok()) throw std::runtime_error(text.error().message);
  return *text;
}

// Writes `text` to `path`; throws when it cannot.
void write_text(const std::string& path, const std::string& text) {
  auto written = write_file_atomically(default_file_system(), path, text);
  if (!written.ok()) throw std::runtime_error(written.error().message);
}

// `openssl req`'s `arguments` with those that make a new key of `key_type`, unencrypted, in `key_file`.
std::vector<std::string> with_new_key(std::vector<std::string> arguments, TestKeyType key_type,
                                      const std::string& key_file) {
  if (key_type == TestKeyType::kRsa) {
    arguments.insert(arguments.end(), {"-newkey", "rsa:2048"});
  } else {
    arguments.insert(arguments.end(), {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"});
  }
  arguments.insert(arguments.end(), {"-noenc", "-keyout", key_file});
  return arguments;
}

// "DNS:a.test,IP:10.0.0.1": the subjectAltName of `names`.
std::string alt_names(const std::vector<std::string>& names) {
  std::vector<std::string> entries;
  for (const std::string& name : names) {
    unsigned char address[sizeof(in6_addr)];
    bool ip = inet_pton(AF_INET, name.c_str(), address) == 1 || inet_pton(AF_INET6, name.c_str(), address) == 1;
    entries.push_back(fmt::format("{}:{}", ip ? "IP" : "DNS", name));
  }
  return fmt::format("{}", fmt::join(entries, ","));
}

// `when` as `openssl ca` takes dates: "20200102030405Z".
std::string ca_date(std::chrono::system_clock::time_point when) {
  return fmt::format("{:%Y%m%d%H%M%S}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(when)));
}

// The time `days` days from now (before it when negative).
std::chrono::system_clock::time_point days_from_now(int days) {
  return std::chrono::system_clock::now() + std::chrono::days(days);
}

}  // namespace

TestCertificateAuthority::TestCertificateAuthority(std::string dir)
    : dir_(std::move(dir)), ca_file_(fmt::format("{}/ca.pem", dir_)), config_file_(fmt::format("{}/ca.cnf", dir_)) {
  std::filesystem::create_directories(dir_);
  write_text(config_file_, fmt::format(kCaConfig, dir_));
  write_text(fmt::format("{}/index.txt", dir_), "");
  openssl(with_new_key({"req", "-x509", "-subj", "/CN=Skylr Test CA", "-days", "3650", "-out", ca_file_},
                       TestKeyType::kEc, fmt::format("{}/ca.key", dir_)));
}

std::string TestCertificateAuthority::ca_certificate() const { return read_text(ca_file_); }

TestCertificate TestCertificateAuthority::server_certificate(const std::vector<std::string>& names, int days,
                                                             TestKeyType key_type) {
  auto start = days_from_now(-1);
  return certificate_between(names, ca_date(start), ca_date(start + std::chrono::days(days)), key_type);
}

TestCertificate TestCertificateAuthority::expired_certificate(const std::vector<std::string>& names) {
  return certificate_between(names, ca_date(days_from_now(-400)), ca_date(days_from_now(-10)));
}

TestCertificate TestCertificateAuthority::mismatched_certificate(const std::vector<std::string>& names) {
  TestCertificate mismatched = server_certificate(names);
  mismatched.key = server_certificate(names).key;
  return mismatched;
}

TestCertificate TestCertificateAuthority::certificate_between(const std::vector<std::string>& names,
                                                              const std::string& not_before,
                                                              const std::string& not_after, TestKeyType key_type) {
  std::string key_file = fresh_path("key");
  std::string request_file = fresh_path("request");
  std::string certificate_file = fresh_path("certificate");
  openssl(with_new_key({"req", "-new", "-subj", fmt::format("/CN={}", names.at(0)), "-addext",
                        fmt::format("subjectAltName={}", alt_names(names)), "-out", request_file},
                       key_type, key_file));
  openssl({"ca", "-config", config_file_, "-batch", "-notext", "-rand_serial", "-in", request_file, "-out",
           certificate_file, "-startdate", not_before, "-enddate", not_after});
  return {read_text(certificate_file), read_text(key_file)};
}

std::string TestCertificateAuthority::convert(const std::string& input, const std::vector<std::string>& arguments) {
  std::string in = fresh_path("convert-in");
  std::string out = fresh_path("convert-out");
  write_text(in, input);
  std::vector<std::string> all = arguments;
  all.insert(all.end(), {"-in", in, "-out", out});
  openssl(all);
  return read_text(out);
}

std::string TestCertificateAuthority::fresh_path(const std::string& stem) {
  return fmt::format("{}/{}-{}.pem", dir_, stem, ++files_made_);
}

}  // namespace skylr::testing
