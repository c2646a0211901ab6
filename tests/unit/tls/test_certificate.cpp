#include "skylr/certificate.h"

#include <openssl/err.h>

#include <cctype>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/chrono.h>
#include <fmt/format.h>

#include "scratch.h"
#include "test_certificates.h"
#include "util/base64.h"

namespace skylr {
namespace {

using std::chrono::system_clock;
using namespace std::string_view_literals;
using testing::TestCertificate;
using testing::TestCertificateAuthority;

// `point` as "2020-01-02 03:04:05" (UTC).
std::string utc(system_clock::time_point point) {
  return fmt::format("{:%Y-%m-%d %H:%M:%S}", fmt::gmtime(system_clock::to_time_t(point)));
}

// What openssl says of the date `option` (-startdate, -enddate) of `certificate`: "2020-01-02 03:04:05".
std::string openssl_date(TestCertificateAuthority& ca, const std::string& certificate, const char* option) {
  std::string line = ca.convert(certificate, {"x509", "-noout", option, "-dateopt", "iso_8601"});
  std::size_t start = line.find('=') + 1;  // "notAfter=2020-01-02 03:04:05Z\n"
  return line.substr(start, line.find('Z') - start);
}

// The SHA-256 fingerprint openssl gives `certificate`, in lower case without colons.
std::string openssl_fingerprint(TestCertificateAuthority& ca, const std::string& certificate) {
  std::string line = ca.convert(certificate, {"x509", "-noout", "-fingerprint", "-sha256"});
  std::string hex;
  for (char c : line.substr(line.find('=') + 1)) {
    if (std::isxdigit(static_cast<unsigned char>(c))) hex += static_cast<char>(std::tolower(c));
  }
  return hex;
}

// `der` as a PEM certificate block.
std::string pem_certificate(const std::string& der) {
  std::string base64 = util::base64_encode(der);
  std::string pem = "-----BEGIN CERTIFICATE-----\n";
  for (std::size_t at = 0; at < base64.size(); at += 64) {
    pem += base64.substr(at, 64);
    pem += '\n';
  }
  pem += "-----END CERTIFICATE-----\n";
  return pem;
}

// `certificate` with a letter in its notBefore date (its signature no longer holds, which
// read_certificate does not check).
std::string with_bad_start_date(TestCertificateAuthority& ca, const std::string& certificate) {
  std::string der = ca.convert(certificate, {"x509", "-outform", "DER"});
  std::size_t validity = der.find("\x30\x1e\x17\x0d"sv);  // SEQUENCE { UTCTime, UTCTime }
  REQUIRE(validity != std::string::npos);
  der[validity + 5] = 'x';
  return pem_certificate(der);
}

// The refusal of `pem` at the time `now`, or "" when it is read; OpenSSL's error queue is empty after it.
std::string refusal(const std::string& pem, system_clock::time_point now = system_clock::now()) {
  auto read = read_certificate(pem, now);
  CHECK(ERR_peek_error() == 0);
  return read.ok() ? "" : read.error().message;
}

}  // namespace

TEST_CASE("skylr::read_certificate") {
  testing::TempDir dir;
  TestCertificateAuthority ca(dir.path("ca"));
  auto now = system_clock::now();

  SUBCASE("a server certificate and its key") {
    TestCertificate server = ca.server_certificate({"a.test", "b.test", "10.0.0.7", "fd00::1"}, 30);
    auto info = read_certificate(server.pem(), now);
    REQUIRE(info.ok());
    CHECK(info->subject == "CN=a.test");
    CHECK(info->issuer == "CN=Skylr Test CA");
    CHECK(info->names == std::vector<std::string>{"a.test", "b.test", "10.0.0.7", "fd00::1"});
    CHECK(utc(info->not_before) == openssl_date(ca, server.certificate, "-startdate"));
    CHECK(utc(info->not_after) == openssl_date(ca, server.certificate, "-enddate"));
    CHECK(info->not_after - info->not_before == std::chrono::days(30));
    CHECK(info->fingerprint.size() == 64);
    CHECK(info->fingerprint == openssl_fingerprint(ca, server.certificate));
  }
  SUBCASE("the test authority gives each certificate a serial of its own") {
    std::string first = ca.convert(ca.server_certificate({"a.test"}).certificate, {"x509", "-noout", "-serial"});
    std::string second = ca.convert(ca.server_certificate({"a.test"}).certificate, {"x509", "-noout", "-serial"});
    CHECK(first.starts_with("serial="));
    CHECK(first != second);
  }
  SUBCASE("the chain after the leaf: the leaf is described") {
    TestCertificate server = ca.server_certificate({"a.test"});
    auto info = read_certificate(server.certificate + ca.ca_certificate() + server.key, now);
    REQUIRE(info.ok());
    CHECK(info->subject == "CN=a.test");
    CHECK(info->fingerprint == openssl_fingerprint(ca, server.certificate));
  }
  SUBCASE("the key before the certificate") {
    TestCertificate server = ca.server_certificate({"a.test"});
    auto info = read_certificate(server.key + server.certificate, now);
    REQUIRE(info.ok());
    CHECK(info->subject == "CN=a.test");
  }
  SUBCASE("keys in their traditional forms, EC and RSA") {
    TestCertificate ec = ca.server_certificate({"ec.test"});
    TestCertificate rsa = ca.server_certificate({"rsa.test"}, 30, testing::TestKeyType::kRsa);
    std::string ec_key = ca.convert(ec.key, {"pkey", "-traditional"});
    std::string rsa_key = ca.convert(rsa.key, {"pkey", "-traditional"});
    CHECK(ec_key.starts_with("-----BEGIN EC PRIVATE KEY-----\n"));
    CHECK(rsa_key.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    CHECK(read_certificate(ec.certificate + ec_key, now).ok());
    CHECK(read_certificate(rsa.certificate + rsa_key, now).ok());
    CHECK(read_certificate(rsa.pem(), now).ok());
  }
  SUBCASE("CRLF line ends, text around the blocks and other blocks are passed over") {
    TestCertificate server = ca.server_certificate({"a.test"});
    std::string pem = fmt::format("subject=CN = a.test\n{}-----BEGIN DH PARAMETERS-----\nnot read\n"
                                  "-----END DH PARAMETERS-----\n{}",
                                  server.certificate, server.key);
    std::string crlf;
    for (char c : pem) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    CHECK(read_certificate(pem, now).ok());
    CHECK(read_certificate(crlf, now).ok());
  }
  SUBCASE("the validity period's ends are included") {
    TestCertificate server = ca.certificate_between({"a.test"}, "20200102030405Z", "20210102030405Z");
    auto start = system_clock::time_point(std::chrono::sys_days(std::chrono::year(2020) / 1 / 2) +
                                          std::chrono::hours(3) + std::chrono::minutes(4) + std::chrono::seconds(5));
    auto end = start + std::chrono::days(366);
    CHECK(read_certificate(server.pem(), start).ok());
    CHECK(read_certificate(server.pem(), end).ok());
    CHECK(refusal(server.pem(), start - std::chrono::nanoseconds(1)) == "not valid before 2020-01-02 03:04:05 UTC");
    CHECK(refusal(server.pem(), end + std::chrono::nanoseconds(1)) == "expired on 2021-01-02 03:04:05 UTC");
  }
  SUBCASE("no expiry (9999-12-31) is time_point::max()") {
    TestCertificate server = ca.certificate_between({"a.test"}, "20200101000000Z", "99991231235959Z");
    auto info = read_certificate(server.pem(), now);
    REQUIRE(info.ok());
    CHECK(info->not_after == system_clock::time_point::max());
  }
}

TEST_CASE("skylr::read_certificate refusals") {
  testing::TempDir dir;
  TestCertificateAuthority ca(dir.path("ca"));
  TestCertificate server = ca.server_certificate({"a.test"});
  std::string garbage_block = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";

  SUBCASE("texts without a certificate") {
    CHECK(refusal("") == "no certificate");
    CHECK(refusal("not a certificate\n") == "no certificate");
    CHECK(refusal(std::string("\0\xff\x01-----BEGIN\n\xc3"sv)) == "no certificate");
    CHECK(refusal(server.key) == "no certificate");
    CHECK(refusal(std::string(10 << 20, 'A')) == "no certificate");
  }
  SUBCASE("blocks that do not parse") {
    std::string truncated = server.certificate.substr(0, server.certificate.size() / 2);
    CHECK(refusal(truncated + server.key) == "the 1st certificate does not parse");
    CHECK(refusal(garbage_block + server.key) == "the 1st certificate does not parse");
    CHECK(refusal(server.certificate + garbage_block + server.key) == "the 2nd certificate does not parse");
    CHECK(refusal(server.certificate + std::string("-----BEGIN CERTIFICATE-----\n\x01\xfe\n"sv)) ==
          "the 2nd certificate does not parse");
    CHECK(refusal(server.certificate + server.key.substr(0, server.key.size() / 2)) ==
          "the private key does not parse");
    CHECK(refusal(with_bad_start_date(ca, server.certificate) + server.key) ==
          "the certificate's validity dates do not parse");
  }
  SUBCASE("ten megabytes of blocks") {
    std::string base64_block = "-----BEGIN CERTIFICATE-----\n";
    for (int i = 0; i < (10 << 20) / 65; ++i) base64_block += std::string(64, 'A') + '\n';
    base64_block += "-----END CERTIFICATE-----\n";
    CHECK(refusal(base64_block + server.key) == "the 1st certificate does not parse");
    std::string begin_lines;
    while (begin_lines.size() < (10 << 20)) begin_lines += "-----BEGIN X-----\n";
    CHECK(refusal(begin_lines + server.pem()) == "no certificate");
  }
  SUBCASE("no key, two keys, a key of another certificate") {
    CHECK(refusal(server.certificate) == "no private key");
    CHECK(refusal(server.certificate + ca.ca_certificate()) == "no private key");
    CHECK(refusal(server.pem() + server.key) == "more than one private key");
    CHECK(refusal(ca.mismatched_certificate({"a.test"}).pem()) == "the private key does not match the certificate");
    CHECK(refusal(ca.ca_certificate() + server.pem()) ==
          "the private key belongs to a later certificate, not the first: the server's certificate must come first");
  }
  SUBCASE("an encrypted key, PKCS#8 or traditional") {
    std::string pkcs8 = ca.convert(server.key, {"pkey", "-aes256", "-passout", "pass:x"});
    std::string traditional = ca.convert(server.key, {"pkey", "-traditional", "-aes256", "-passout", "pass:x"});
    CHECK(pkcs8.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    CHECK(traditional.find("Proc-Type: 4,ENCRYPTED") != std::string::npos);
    CHECK(refusal(server.certificate + pkcs8) == "the private key is encrypted (HAProxy cannot read it unattended)");
    CHECK(refusal(server.certificate + traditional) ==
          "the private key is encrypted (HAProxy cannot read it unattended)");
  }
  SUBCASE("expired, with its date") {
    TestCertificate expired = ca.expired_certificate({"a.test"});
    std::string end = openssl_date(ca, expired.certificate, "-enddate");
    CHECK(refusal(expired.pem()) == fmt::format("expired on {} UTC", end));
  }
  SUBCASE("not yet valid, with its date") {
    std::string start = openssl_date(ca, server.certificate, "-startdate");
    CHECK(refusal(server.pem(), system_clock::now() - std::chrono::days(2)) ==
          fmt::format("not valid before {} UTC", start));
  }
}

}  // namespace skylr
