#include "sync/certificate_sync.h"

#include <fmt/format.h>

#include <iterator>

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
    clear_pending();
    return report;
  }
  if (!store_ || !same_store(store_->settings(), config.tls)) {
    store_.emplace(config.tls, fs_);
    store_is_new_ = true;
    clear_pending();
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
  pending_reload_ = pending_reload_ || store_is_new_;
  store_is_new_ = false;
  for (const std::string& file : change->removed) {
    if (pending_added_.erase(file) == 0) pending_removed_.insert(file);
    pending_updates_.erase(file);
  }
  for (const std::string& file : change->added) {
    if (pending_removed_.erase(file) > 0) {
      pending_updates_.insert(file);  // HAProxy still has it, with the content it had
    } else {
      pending_added_.insert(file);
    }
  }
  for (const std::string& file : change->updated) {
    if (!pending_added_.contains(file)) pending_updates_.insert(file);
  }
  return report;
}

void CertificateSync::make_live(const Config& config, const ApplyOutcome& sync, CertificateReport& report) {
  bool pending = pending_reload_ || !pending_updates_.empty() || !pending_added_.empty() || !pending_removed_.empty();
  if (!store_ || !pending) return;
  if (sync.method == ApplyMethod::kReload && sync.status == ApplyStatus::kApplied) return clear_pending();
  report.apply = applier_.apply_certificates(pending_reload_, [&] { return runtime_.send_all(config, runtime_commands()); });
  if (report.apply.status == ApplyStatus::kFailed) {
    pending_updates_.clear();  // what HAProxy serves is not known: the next make_live reloads
    pending_added_.clear();
    pending_removed_.clear();
    pending_reload_ = true;
    return;
  }
  clear_pending();
}

// The Runtime API commands of what is pending: files that left, new files, new content.
std::vector<std::string> CertificateSync::runtime_commands() const {
  const TlsConfig& tls = store_->settings();
  std::vector<std::string> commands;
  auto append = [&](std::vector<std::string> more) {
    commands.insert(commands.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  };
  for (const std::string& file : pending_removed_) {
    append(tls::removed_certificate_commands(tls.crt_list, store_->copy_path(file)));
  }
  for (const std::string& file : pending_added_) {
    if (const std::string* pem = store_->served_content(file)) {
      append(tls::added_certificate_commands(tls.crt_list, store_->copy_path(file), *pem));
    }
  }
  for (const std::string& file : pending_updates_) {
    if (const std::string* pem = store_->served_content(file)) {
      append(tls::certificate_commands(store_->copy_path(file), *pem));
    }
  }
  return commands;
}

void CertificateSync::clear_pending() {
  pending_updates_.clear();
  pending_added_.clear();
  pending_removed_.clear();
  pending_reload_ = false;
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
