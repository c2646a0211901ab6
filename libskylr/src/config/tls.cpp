#include "config/tls.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "config/host_port.h"
#include "config/side_path.h"
#include "config/strings.h"

namespace skylr::config {

using util::IntRange;
using util::Presence;
namespace {

constexpr std::string_view kTlsKeys[] = {"certificates", "default_certificate", "store",
                                         "https_bind_address", "https_port", "min_version",
                                         "ciphers", "ciphersuites", "http2", "hsts_max_age"};
constexpr IntRange kPortRange{1, 65535};
constexpr IntRange kMaxAgeRange{1, 63072000};  // two years, what browsers' preload lists ask
constexpr std::string_view kBindAddress = "\"*\", an IP address or a host name";
constexpr std::string_view kMinVersions[] = {"TLSv1.2", "TLSv1.3"};

// Accepts the certificates directory: an absolute path without control characters.
std::optional<std::string> check_directory(std::string_view text) {
  bool control = std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
  if (text.starts_with('/') && !control) return std::nullopt;
  return "expected an absolute directory path";
}

}  // namespace

TlsConfig read_tls(const util::ObjectReader& root, const std::string& config_destination) {
  TlsConfig tls;
  tls.store = beside_config(config_destination, "skylr-certs");
  auto section = root.object("tls", kTlsKeys);
  if (!section) return tls;
  tls.enabled = true;
  section->read("certificates", tls.certificates, check_directory, Presence::kRequired);
  section->read("default_certificate", tls.default_certificate, check_file_name, Presence::kRequired);
  section->read_parsed("https_bind_address", tls.https_bind_host, kBindAddress, parse_bind_host);
  section->read("https_port", tls.https_port, kPortRange);
  section->read_choice("min_version", tls.min_version, kMinVersions);
  section->read("ciphers", tls.ciphers, check_cipher_list);
  section->read("ciphersuites", tls.ciphersuites, check_cipher_list);
  section->read("http2", tls.http2);
  section->read("hsts_max_age", tls.hsts_max_age, kMaxAgeRange);
  read_side_path(*section, "store", tls.store);
  tls.crt_list = tls.store + ".list";
  return tls;
}

}  // namespace skylr::config
