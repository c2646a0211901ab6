// CertificateSync: keeps the certificates HAProxy serves in step with the `tls` section's
// directory. A refresh runs the certificate store (tls/certificate_store.h: checked copies
// and the crt-list); then what changed is made live through the Runtime API, with no
// reload: a rotated certificate by `set ssl cert` + `commit ssl cert`, a new one by `new
// ssl cert`, those and `add ssl crt-list`, one that left by `del ssl crt-list` and `del ssl
// cert` — nothing when the sync between the two calls reloaded anyway. A checked reload
// instead when the Runtime API fails, or when what HAProxy loaded is not known (a new store:
// skylrd started, or the `tls` section changed). A failed reload is tried again at the next
// make_live.
// Thread-compatible: the caller serialises calls.
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "apply/applier.h"
#include "haproxy/runtime_updater.h"
#include "skylr/certificate.h"
#include "skylr/clock.h"
#include "skylr/config.h"
#include "skylr/file_system.h"
#include "skylr/model.h"
#include "skylr/sync_report.h"
#include "tls/certificate_store.h"

namespace skylr::sync {

class CertificateSync {
 public:
  // Every reference must outlive the object.
  CertificateSync(FileSystem& fs, apply::ConfigApplier& applier, haproxy::RuntimeUpdater& runtime, const Clock& clock)
      : fs_(fs), applier_(applier), runtime_(runtime), clock_(clock) {}

  // Looks at config.tls's directory once (nothing when the section is absent; a store is
  // made again when its settings changed) and writes the copies and the crt-list that
  // changed; HAProxy does not get them yet (make_live).
  CertificateReport refresh(const Config& config);

  // Makes what the refreshes so far changed live, unless `sync` (the apply between) was a
  // successful reload, which loaded it: see the file comment. Sets `report.apply`.
  void make_live(const Config& config, const ApplyOutcome& sync, CertificateReport& report);

  // The certificate files as the last refresh left them, by name; none without `tls`.
  std::vector<CertificateStatus> statuses() const;

  // A kCertificateMissing problem for each service of `served` whose `certificate` (its
  // app's HAPROXY_{n}_SSL_CERT) the last refresh left without a served copy.
  std::vector<Problem> missing_certificates(const Config& served) const;

 private:
  std::vector<std::string> runtime_commands() const;
  void clear_pending();

  FileSystem& fs_;
  apply::ConfigApplier& applier_;
  haproxy::RuntimeUpdater& runtime_;
  const Clock& clock_;
  std::optional<tls::CertificateStore> store_;
  // What HAProxy does not serve yet, by file: new content, new files, files that left.
  std::set<std::string> pending_updates_;
  std::set<std::string> pending_added_;
  std::set<std::string> pending_removed_;
  bool pending_reload_ = false;  // what HAProxy loaded is not known: the next make_live reloads
  bool store_is_new_ = false;    // `store_` has not refreshed successfully yet
};

}  // namespace skylr::sync
