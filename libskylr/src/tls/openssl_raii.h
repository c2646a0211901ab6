// OpenSSL's resources held by scope: owning handles of its objects (std::unique_ptr with the
// object's own free function), and a guard that empties the thread's error queue, so that no
// way out of a function leaks an object or leaves a failed call's errors behind. Header-only;
// a handle is as thread-safe as its object, the error queue is per thread.
#pragma once

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace skylr::tls {

// Frees an OpenSSL object with `free_function`.
template <auto free_function>
struct OpensslDeleter {
  template <typename T>
  void operator()(T* object) const {
    free_function(object);
  }
};

// Frees memory OpenSSL allocated for its caller (OPENSSL_free is a macro, not a function).
struct OpensslMemoryDeleter {
  void operator()(void* memory) const { OPENSSL_free(memory); }
};

using BioHandle = std::unique_ptr<BIO, OpensslDeleter<BIO_free>>;
using X509Handle = std::unique_ptr<X509, OpensslDeleter<X509_free>>;
using KeyHandle = std::unique_ptr<EVP_PKEY, OpensslDeleter<EVP_PKEY_free>>;
using GeneralNamesHandle = std::unique_ptr<GENERAL_NAMES, OpensslDeleter<GENERAL_NAMES_free>>;
template <typename T>
using OpensslMemory = std::unique_ptr<T, OpensslMemoryDeleter>;

// Empties the calling thread's OpenSSL error queue when it goes out of scope.
class ErrorQueueCleaner {
 public:
  ErrorQueueCleaner() = default;
  ~ErrorQueueCleaner() { ERR_clear_error(); }
  ErrorQueueCleaner(const ErrorQueueCleaner&) = delete;
  ErrorQueueCleaner& operator=(const ErrorQueueCleaner&) = delete;
};

}  // namespace skylr::tls
