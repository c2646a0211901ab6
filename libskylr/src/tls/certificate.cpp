// read_certificate: the PEM bundle read, then the leaf (the first certificate) checked against
// the key and `now`, and described. Dates are computed in seconds from ASN1_TIME_to_tm's UTC
// calendar fields, so that no time zone enters; one outside system_clock's range is clamped.
#include "skylr/certificate.h"

#include <arpa/inet.h>
#include <openssl/asn1.h>

#include <array>
#include <ctime>
#include <utility>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "tls/openssl_raii.h"
#include "tls/pem_bundle.h"

namespace skylr {
namespace {

using std::chrono::system_clock;

// `name` in RFC 2253 form ("CN=a.test,O=Example"), control characters escaped.
std::string name_text(const X509_NAME* name) {
  tls::BioHandle bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) return {};
  char* text = nullptr;
  long size = BIO_get_mem_data(bio.get(), &text);
  return std::string(text, static_cast<std::size_t>(size));
}

// The text of a subjectAltName IP address (4 or 16 bytes); empty for any other length.
std::string address_text(const ASN1_OCTET_STRING* address) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  int length = ASN1_STRING_length(address);
  int family = length == 4 ? AF_INET : length == 16 ? AF_INET6 : AF_UNSPEC;
  if (family == AF_UNSPEC) return {};
  return inet_ntop(family, ASN1_STRING_get0_data(address), text.data(), text.size());
}

// The DNS names and IP addresses of the subjectAltName of `certificate`, in order.
std::vector<std::string> alt_names(const X509* certificate) {
  tls::GeneralNamesHandle names(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr)));
  std::vector<std::string> texts;
  for (int i = 0; names && i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
    std::string text;
    if (name->type == GEN_DNS) {
      const unsigned char* data = ASN1_STRING_get0_data(name->d.dNSName);
      text.assign(data, data + ASN1_STRING_length(name->d.dNSName));
    } else if (name->type == GEN_IPADD) {
      text = address_text(name->d.iPAddress);
    }
    if (!text.empty()) texts.push_back(std::move(text));
  }
  return texts;
}

// `time` as a time point (clamped to system_clock's range); false when it does not parse.
bool to_time_point(const ASN1_TIME* time, system_clock::time_point& point) {
  using namespace std::chrono;
  std::tm fields{};
  if (ASN1_TIME_to_tm(time, &fields) != 1) return false;
  sys_days day = year{fields.tm_year + 1900} / (fields.tm_mon + 1) / fields.tm_mday;
  sys_seconds moment = day + hours{fields.tm_hour} + minutes{fields.tm_min} + seconds{fields.tm_sec};
  auto latest = floor<seconds>(system_clock::time_point::max());
  auto earliest = ceil<seconds>(system_clock::time_point::min());
  point = moment > latest ? system_clock::time_point::max()
        : moment < earliest ? system_clock::time_point::min()
                            : system_clock::time_point(moment);
  return true;
}

// The SHA-256 of the DER of `certificate` in lower-case hex.
std::string fingerprint(const X509* certificate) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (X509_digest(certificate, EVP_sha256(), digest.data(), &size) != 1) return {};
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

// What `leaf` says of itself; fails when its validity dates do not parse.
Result<CertificateInfo> describe(const X509* leaf) {
  CertificateInfo info;
  if (!to_time_point(X509_get0_notBefore(leaf), info.not_before) ||
      !to_time_point(X509_get0_notAfter(leaf), info.not_after)) {
    return Error{"the certificate's validity dates do not parse"};
  }
  info.subject = name_text(X509_get_subject_name(leaf));
  info.issuer = name_text(X509_get_issuer_name(leaf));
  info.names = alt_names(leaf);
  info.fingerprint = fingerprint(leaf);
  return info;
}

// Why the key of `bundle` is not its first certificate's: it may be a later one's.
Error key_mismatch(const tls::PemBundle& bundle) {
  for (std::size_t i = 1; i < bundle.certificates.size(); ++i) {
    if (X509_check_private_key(bundle.certificates[i].get(), bundle.key.get()) == 1) {
      return Error{"the private key belongs to a later certificate, not the first: the server's certificate must "
                   "come first"};
    }
  }
  return Error{"the private key does not match the certificate"};
}

// "2020-01-02 03:04:05 UTC".
std::string utc_text(system_clock::time_point point) {
  return fmt::format("{:%Y-%m-%d %H:%M:%S} UTC", fmt::gmtime(system_clock::to_time_t(point)));
}

}  // namespace

Result<CertificateInfo> inspect_certificate(std::string_view pem) {
  tls::ErrorQueueCleaner cleaner;
  auto bundle = tls::read_pem_bundle(pem);
  if (!bundle) return bundle.error();
  if (bundle->certificates.empty()) return Error{"no certificate"};
  if (!bundle->key) return Error{"no private key"};
  const X509* leaf = bundle->certificates.front().get();
  if (X509_check_private_key(leaf, bundle->key.get()) != 1) return key_mismatch(*bundle);
  return describe(leaf);
}

Result<CertificateInfo> read_certificate(std::string_view pem, system_clock::time_point now) {
  Result<CertificateInfo> info = inspect_certificate(pem);
  if (!info) return info;
  if (now > info->not_after) return Error{fmt::format("expired on {}", utc_text(info->not_after))};
  if (now < info->not_before) return Error{fmt::format("not valid before {}", utc_text(info->not_before))};
  return info;
}

}  // namespace skylr
