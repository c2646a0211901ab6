// CertificateStore: the certificates HAProxy serves (the config's `tls` section). Each
// refresh reads the operator's directory, checks every new or changed file
// (read_certificate: it parses, its key matches, it is valid now) and keeps a checked copy
// of each good one in tls.store, readable by its owner only; HAProxy loads the copies
// through tls.crt_list, the default certificate first. A broken, expired or mismatched
// file is refused with its reason and the copy HAProxy serves stays; a file that left the
// directory leaves the list (but the default certificate's copy stays until another
// replaces it). HAProxy never reads the operator's files, so nothing unchecked reaches it,
// on a reload either. Thread-compatible.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "skylr/certificate.h"
#include "skylr/config.h"
#include "skylr/file_system.h"
#include "skylr/result.h"

namespace skylr::tls {

// What a refresh changed, with what refreshes that failed since the last one that
// succeeded changed.
struct StoreChange {
  std::vector<std::string> updated;   // files whose copy has new content and the crt-list already listed
  std::vector<std::string> added;     // files the crt-list lists from now on
  std::vector<std::string> removed;   // files the crt-list no longer lists
  std::vector<std::string> refused;   // "<file>: <reason>", for each file refused anew (or for a new reason)

};

class CertificateStore {
 public:
  // The store of `tls` (enabled) over `fs`, which must outlive it. Nothing is read yet.
  CertificateStore(TlsConfig tls, FileSystem& fs) : tls_(std::move(tls)), fs_(fs) {}

  // Looks at the directory once at `now` (see the file comment) and writes the copies
  // and the crt-list that changed; a copy is deleted only once the crt-list no longer
  // names it. The first refresh also takes over the copies an earlier run left in the
  // store. Fails, writing no list, when the store cannot be made, the directory cannot
  // be listed, no good copy of the default certificate exists or the list cannot be
  // written (a copy that cannot be written refuses its file); the next refresh that
  // succeeds reports what a failed one changed.
  Result<StoreChange> refresh(std::chrono::system_clock::time_point now);

  // Every certificate file known, by name: what HAProxy is served from it and what was
  // refused, as the last refresh left them.
  std::vector<CertificateStatus> statuses() const;

  // The copy of `file` in the store: the path HAProxy knows the certificate by.
  std::string copy_path(const std::string& file) const { return tls_.store + "/" + file; }

  // The content of `file`'s copy, as HAProxy is to serve it; nullptr when there is none.
  const std::string* served_content(const std::string& file) const;

  // The TLS settings the store was made for.
  const TlsConfig& settings() const { return tls_; }

 private:
  struct Entry {
    std::string served;                     // the copy's content; empty: no good copy
    std::optional<CertificateInfo> info;    // of `served`
    std::string refused;                    // why the directory's file is not served; empty: it is
    bool listed = false;                    // in the crt-list last written
    bool unreported = false;                // `served` is new and no refresh has reported it yet
  };
  Status adopt_copies();
  void look_at(const std::string& file, std::chrono::system_clock::time_point now);
  void refuse(const std::string& file, std::string reason);
  Status write_list(const std::set<std::string>& gone);
  StoreChange take_change(const std::set<std::string>& gone);

  TlsConfig tls_;
  FileSystem& fs_;
  std::map<std::string, Entry> entries_;
  std::string list_text_;                        // the crt-list as last written (or found)
  std::vector<std::string> unreported_refusals_;  // StoreChange::refused since the last refresh that succeeded
  bool adopted_ = false;
};

// The Runtime API commands that make a running HAProxy serve `pem` for the certificate it
// loaded from `copy_path`, without a reload: `set ssl cert` with the PEM as its payload
// (blank lines, which would end the payload, and carriage returns left out), then
// `commit ssl cert`.
std::vector<std::string> certificate_commands(const std::string& copy_path, const std::string& pem);

// The Runtime API commands that make a running HAProxy load a certificate it does not have
// from `copy_path` and serve it on every bind of `crt_list`, without a reload: `new ssl
// cert`, certificate_commands, then `add ssl crt-list`.
std::vector<std::string> added_certificate_commands(const std::string& crt_list, const std::string& copy_path,
                                                    const std::string& pem);

// The Runtime API commands that take the certificate of `copy_path` out of `crt_list` and
// out of a running HAProxy's memory: `del ssl crt-list`, then `del ssl cert`.
std::vector<std::string> removed_certificate_commands(const std::string& crt_list, const std::string& copy_path);

}  // namespace skylr::tls
