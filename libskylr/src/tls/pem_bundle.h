// read_pem_bundle: the certificates and the private key of a PEM text, each block cut out by its
// BEGIN and END lines and decoded by OpenSSL; blocks of other kinds (DH parameters, say) are
// passed over. No passphrase is ever asked for: an encrypted key is refused, never decrypted.
// Pure; thread-safe; leaves the thread's OpenSSL error queue empty.
#pragma once

#include <string_view>
#include <vector>

#include "skylr/result.h"
#include "tls/openssl_raii.h"

namespace skylr::tls {

// The certificates of a PEM text in its order, and its private key (null when it has none).
struct PemBundle {
  std::vector<X509Handle> certificates;
  KeyHandle key;
};

// The certificates and the key of `text`; fails at the first certificate or key block that does
// not parse ("the 2nd certificate does not parse"), at an encrypted key and at a second key.
Result<PemBundle> read_pem_bundle(std::string_view text);

}  // namespace skylr::tls
