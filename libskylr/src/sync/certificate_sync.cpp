#include "sync/certificate_sync.h"

#include <fmt/format.h>

#include <algorithm>

namespace skylr::sync {
namespace {

// True when `a` and `b` make the same certificate store.
bool same_store(const TlsConfig& a, const TlsConfig& b) {
  return a.certificates == b.certificates && a.default_certificate == b.default_certificate && a.store == b.store &&
         a.crt_list == b.crt_list;
}

}  // namespace

CertificateReport CertificateSync::refresh(const Config& config) {
  CertificateReport report;
  if (!config.tls.enabled) {
    store_.reset();
    return report;
  }
  if (!store_ || !same_store(store_->settings(), config.tls)) {
    store_.emplace(config.tls, fs_);
    store_is_new_ = true;
    pending_updates_.clear();
  }
  Result<tls::StoreChange> change = store_->refresh(clock_.wall_now());
  if (!change) {
    report.error = change.error().message;
    return report;
  }
  report.updated = change->updated;
  report.added = change->added;
  report.removed = change->removed;
  report.refused = change->refused;
  // Another store's crt-list, once written, may differ from what HAProxy loaded.
  pending_list_ = pending_list_ || store_is_new_ || change->list_changed();
  store_is_new_ = false;
  for (const std::string& file : change->updated) {
    if (std::find(pending_updates_.begin(), pending_updates_.end(), file) == pending_updates_.end()) {
      pending_updates_.push_back(file);
    }
  }
  return report;
}

void CertificateSync::make_live(const Config& config, const ApplyOutcome& sync, CertificateReport& report) {
  if (!store_ || (!pending_list_ && pending_updates_.empty())) return;
  if (sync.method == ApplyMethod::kReload && sync.status == ApplyStatus::kApplied) {
    pending_list_ = false;
    pending_updates_.clear();
    return;
  }
  report.apply = applier_.apply_certificates(pending_list_, [&]() -> Result<haproxy::RuntimeChange> {
    std::vector<std::string> commands;
    for (const std::string& file : pending_updates_) {
      const std::string* pem = store_->served_content(file);
      if (pem == nullptr) continue;
      std::vector<std::string> set = tls::certificate_commands(store_->copy_path(file), *pem);
      commands.insert(commands.end(), set.begin(), set.end());
    }
    return runtime_.send_all(config, commands);
  });
  if (report.apply.status != ApplyStatus::kFailed) {
    pending_list_ = false;
    pending_updates_.clear();
  }
}

std::vector<Problem> CertificateSync::missing_certificates(const Config& served) const {
  std::vector<Problem> problems;
  if (!store_) return problems;
  for (const auto& [name, service] : served.services) {
    if (service.certificate.empty() || store_->served_content(service.certificate) != nullptr) continue;
    problems.push_back({service.app_id,
                        fmt::format("app {} port {}: HAPROXY_{}_SSL_CERT names {}, which tls.certificates does not "
                                    "serve (missing or refused); its hosts get the certificate SNI picks",
                                    service.app_id, service.port_index, service.port_index, service.certificate),
                        ProblemKind::kCertificateMissing});
  }
  return problems;
}

std::vector<CertificateStatus> CertificateSync::statuses() const {
  return store_ ? store_->statuses() : std::vector<CertificateStatus>{};
}

}  // namespace skylr::sync
