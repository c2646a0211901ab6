// Certificates made at test time by the openssl command (Debian 12's OpenSSL 3.0): a certificate
// authority in a scratch directory that issues server certificates with fresh EC P-256 keys (an
// RSA key on request; it takes much longer to make), each with a serial of its own, valid now,
// expired, or paired with another certificate's key. `openssl ca` sets the dates, since 3.0's
// `openssl x509 -req` cannot set a start date. Failures throw std::runtime_error with the command
// line and its output. Thread-compatible.
#pragma once

#include <string>
#include <vector>

namespace skylr::testing {

// A certificate and its private key, each PEM text.
struct TestCertificate {
  std::string certificate;
  std::string key;

  // What HAProxy's `crt` takes: the certificate, then the key.
  std::string pem() const { return certificate + key; }
};

// The algorithm of a test certificate's key.
enum class TestKeyType { kEc, kRsa };

// A test certificate authority whose files live in a directory.
class TestCertificateAuthority {
 public:
  // Makes the authority in `dir` (created when missing): an EC P-256 key and a self-signed certificate, subject
  // "CN=Skylr Test CA", valid from now for 10 years.
  explicit TestCertificateAuthority(std::string dir);

  // The authority's certificate file (PEM), for curl --cacert.
  const std::string& ca_file() const { return ca_file_; }

  // The authority's certificate (PEM text).
  std::string ca_certificate() const;

  // A certificate for `names` (the subject's CN the first; each a subjectAltName, IP addresses
  // as such) valid from 24 hours ago for `days` days, with a new key of `key_type`.
  TestCertificate server_certificate(const std::vector<std::string>& names, int days = 30,
                                     TestKeyType key_type = TestKeyType::kEc);

  // The same, but expired: valid from 400 days ago to 10 days ago.
  TestCertificate expired_certificate(const std::vector<std::string>& names);

  // A certificate for `names` with the key of another certificate: they do not match.
  TestCertificate mismatched_certificate(const std::vector<std::string>& names);

  // A certificate for `names` valid from `not_before` to `not_after`, both as `openssl ca` takes
  // them ("20200102030405Z", UTC), with a new key of `key_type`.
  TestCertificate certificate_between(const std::vector<std::string>& names, const std::string& not_before,
                                      const std::string& not_after, TestKeyType key_type = TestKeyType::kEc);

  // What `openssl <arguments> -in <file> -out <file>` writes for `input`, e.g. a key encrypted by
  // {"pkey", "-aes256", "-passout", "pass:x"}.
  std::string convert(const std::string& input, const std::vector<std::string>& arguments);

 private:
  // A path in the directory, new on every call, beginning with `stem`.
  std::string fresh_path(const std::string& stem);

  std::string dir_;
  std::string ca_file_;
  std::string config_file_;
  int files_made_ = 0;
};

}  // namespace skylr::testing
