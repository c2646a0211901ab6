// read_pem_bundle: a block runs from a line "-----BEGIN <label>-----" to the line
// "-----END <label>-----" (to the end of the text when there is none: OpenSSL then refuses it).
// PEM_read_bio decodes a block's headers and base64, d2i_X509 or d2i_AutoPrivateKey its DER;
// nothing here takes a passphrase callback, so nothing can prompt for one.
#include "tls/pem_bundle.h"

#include <openssl/pem.h>

#include <climits>
#include <string>
#include <utility>

#include <fmt/format.h>

namespace skylr::tls {
namespace {

constexpr std::string_view kBeginLine = "-----BEGIN ";
constexpr std::string_view kDashes = "-----";
constexpr std::size_t kNone = std::string_view::npos;

// One PEM block of a text: its label ("CERTIFICATE") and its text, BEGIN and END lines included.
struct PemBlock {
  std::string_view label;
  std::string_view text;
};

// Where the first line of `text` at or after `from` that starts with `prefix` begins, or kNone.
std::size_t find_line(std::string_view text, std::string_view prefix, std::size_t from) {
  for (std::size_t at = text.find(prefix, from); at != kNone; at = text.find(prefix, at + 1)) {
    if (at == 0 || text[at - 1] == '\n') return at;
  }
  return kNone;
}

// Where the line after the one that holds `at` begins (the text's size after its last line).
std::size_t next_line(std::string_view text, std::size_t at) {
  std::size_t newline = text.find('\n', at);
  return newline == kNone ? text.size() : newline + 1;
}

// The label of the BEGIN line at `at`; empty when the line does not end in dashes.
std::string_view begin_label(std::string_view text, std::size_t at) {
  std::string_view line = text.substr(at, next_line(text, at) - at);
  while (line.ends_with('\n') || line.ends_with('\r')) line.remove_suffix(1);
  if (line.size() < kBeginLine.size() + kDashes.size() || !line.ends_with(kDashes)) return {};
  return line.substr(kBeginLine.size(), line.size() - kBeginLine.size() - kDashes.size());
}

// The labelled blocks of `text` in order. Each search starts where the block before ends, so
// that a text of a million BEGIN lines is read once.
std::vector<PemBlock> pem_blocks(std::string_view text) {
  std::vector<PemBlock> blocks;
  for (std::size_t at = find_line(text, kBeginLine, 0); at != kNone;) {
    std::string_view label = begin_label(text, at);
    std::size_t end = next_line(text, at);
    if (!label.empty()) {
      std::size_t end_line = find_line(text, fmt::format("-----END {}-----", label), end);
      end = end_line == kNone ? text.size() : next_line(text, end_line);
      blocks.push_back({label, text.substr(at, end - at)});
    }
    at = find_line(text, kBeginLine, end);
  }
  return blocks;
}

// A block as PEM_read_bio decodes it: its headers ("Proc-Type: 4,ENCRYPTED"), if any, and its DER.
struct DecodedBlock {
  OpensslMemory<char> headers;
  OpensslMemory<unsigned char> der;
  long size = 0;
};

// `block` decoded into `decoded`; false when it does not parse.
bool decode(std::string_view block, DecodedBlock& decoded) {
  if (block.size() > INT_MAX) return false;
  BioHandle bio(BIO_new_mem_buf(block.data(), static_cast<int>(block.size())));
  char* name = nullptr;
  char* headers = nullptr;
  unsigned char* der = nullptr;
  bool read = bio && PEM_read_bio(bio.get(), &name, &headers, &der, &decoded.size) == 1;
  OpensslMemory<char> name_owner(name);
  decoded.headers.reset(headers);
  decoded.der.reset(der);
  return read;
}

// "1st", "2nd", "3rd", "4th", …, "11th", "21st".
std::string ordinal(std::size_t n) {
  std::size_t ones = n % 10;
  bool teen = n % 100 / 10 == 1;
  const char* suffix = teen || ones == 0 || ones > 3 ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : "rd";
  return fmt::format("{}{}", n, suffix);
}

// Appends the certificate of `block` to `bundle`; fails when it does not parse.
Status add_certificate(std::string_view block, PemBundle& bundle) {
  DecodedBlock decoded;
  X509Handle certificate;
  if (decode(block, decoded)) {
    const unsigned char* der = decoded.der.get();
    certificate.reset(d2i_X509(nullptr, &der, decoded.size));
  }
  if (!certificate) {
    return Error{fmt::format("the {} certificate does not parse", ordinal(bundle.certificates.size() + 1))};
  }
  bundle.certificates.push_back(std::move(certificate));
  return {};
}

// Whether a decoded traditional key's headers say it is encrypted.
bool has_encrypted_header(const DecodedBlock& decoded) {
  return decoded.headers && std::string_view(decoded.headers.get()).find("ENCRYPTED") != kNone;
}

// Sets the key of `bundle` to that of `block` (labelled "... PRIVATE KEY"); fails when the
// bundle has one already, or when the key is encrypted or does not parse.
Status add_key(const PemBlock& block, PemBundle& bundle) {
  const Error encrypted{"the private key is encrypted (HAProxy cannot read it unattended)"};
  if (bundle.key) return Error{"more than one private key"};
  if (block.label == "ENCRYPTED PRIVATE KEY") return encrypted;
  DecodedBlock decoded;
  if (!decode(block.text, decoded)) return Error{"the private key does not parse"};
  if (has_encrypted_header(decoded)) return encrypted;
  const unsigned char* der = decoded.der.get();
  bundle.key.reset(d2i_AutoPrivateKey(nullptr, &der, decoded.size));
  if (!bundle.key) return Error{"the private key does not parse"};
  return {};
}

}  // namespace

Result<PemBundle> read_pem_bundle(std::string_view text) {
  ErrorQueueCleaner cleaner;
  PemBundle bundle;
  for (const PemBlock& block : pem_blocks(text)) {
    Status added;
    if (block.label == "CERTIFICATE") {
      added = add_certificate(block.text, bundle);
    } else if (block.label.ends_with("PRIVATE KEY")) {
      added = add_key(block, bundle);
    }
    if (!added) return added.error();
  }
  return bundle;
}

}  // namespace skylr::tls
