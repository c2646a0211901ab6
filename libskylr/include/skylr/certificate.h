// read_certificate: what a certificate file for HAProxy's `crt` holds (the server's
// certificate, its chain and its private key, in one PEM text) and whether HAProxy can serve
// it now, checked before HAProxy ever loads it. The text is untrusted: anything in it is a
// reason to refuse, never a crash. Pure (OpenSSL's libcrypto, no files); thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skylr/result.h"

namespace skylr {

// What a certificate file holds, as read by read_certificate.
struct CertificateInfo {
  std::string subject;             // the leaf's subject, one line, e.g. "CN=a.test" (RFC 2253 form)
  std::string issuer;              // the leaf's issuer, same form
  std::vector<std::string> names;  // the leaf's subjectAltName DNS names (and IP addresses as text), in order
  // The leaf's validity period, both ends included. A date after system_clock's range (2262; such
  // as 9999-12-31, "no expiry") reads as time_point::max(), one before it (1677) as min().
  std::chrono::system_clock::time_point not_before;
  std::chrono::system_clock::time_point not_after;
  std::string fingerprint;  // SHA-256 of the leaf's DER, lower-case hex without separators
};

// Reads `pem` as HAProxy's `crt` takes it (the server's certificate first, then its chain, and
// one unencrypted private key, in any order) and checks that it can be served at `now`: fails
// with a one-line reason when there is no certificate, a certificate or key block does not
// parse, there is no key or more than one, the key is encrypted or is not the leaf's, or `now`
// is outside the leaf's validity period.
Result<CertificateInfo> read_certificate(std::string_view pem, std::chrono::system_clock::time_point now);

// read_certificate without the dates: what `pem` holds, whenever it is valid (a copy HAProxy
// already serves is described even once it expired).
Result<CertificateInfo> inspect_certificate(std::string_view pem);

// A certificate file of the `tls` directory as Skylr serves it.
struct CertificateStatus {
  std::string file;                       // its name in tls.certificates
  std::optional<CertificateInfo> served;  // what HAProxy is given from it; nullopt: nothing
  std::string refused;                    // why the file as it is now is not served; empty: it is
};

}  // namespace skylr
